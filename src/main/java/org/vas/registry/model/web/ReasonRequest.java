package org.vas.registry.model.web;

/** The body of the commands that only say why: disable, retire, promote, remove an alias. */
record ReasonRequest(String reason) {
}
