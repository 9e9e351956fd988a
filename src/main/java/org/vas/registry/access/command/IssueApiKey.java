package org.vas.registry.access.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue a key with a name, roles, the hash of its secret (and how it was hashed) and an optional expiry. */
public record IssueApiKey(@TargetAggregateIdentifier String keyId, String name, List<String> roles, String keyHash,
                          String hashScheme, Instant expiresAt) {
}
