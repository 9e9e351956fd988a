package org.vas.registry.access.event;

/**
 * What happened to API keys. Like model events, a persisted contract: never renamed or moved. Only a key's
 * hash is ever recorded.
 */
public sealed interface AccessEvent permits ApiKeyIssued, ApiKeyRevoked {

    String keyId();
}
