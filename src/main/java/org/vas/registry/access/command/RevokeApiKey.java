package org.vas.registry.access.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a key; revoking a revoked key changes nothing. */
public record RevokeApiKey(@TargetAggregateIdentifier String keyId) {
}
