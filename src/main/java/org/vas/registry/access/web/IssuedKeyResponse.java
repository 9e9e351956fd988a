package org.vas.registry.access.web;

import org.vas.registry.access.query.ApiKeyView;

/** The issued key, with its secret: shown this once and never again. */
record IssuedKeyResponse(String key, ApiKeyView apiKey) {
}
