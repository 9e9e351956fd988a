package org.vas.registry.model.web;

/** The body of {@code PUT /api/v1/ai-models/{model_id}/aliases/{alias}}: the version to point at, and why. */
record AliasRequest(String version, String reason) {
}
