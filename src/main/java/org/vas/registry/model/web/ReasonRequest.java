package org.vas.registry.model.web;

/** The body of disable and retire commands. */
record ReasonRequest(String reason) {
}
