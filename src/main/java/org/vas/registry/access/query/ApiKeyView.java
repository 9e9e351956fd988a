package org.vas.registry.access.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A key as admins list it: never its secret, nor its hash. */
public record ApiKeyView(String id, String name, List<String> roles, Instant createdAt, String createdBy,
                         Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    @JsonProperty("status")
    public String status() {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(Instant.now()) ? "expired" : "active";
    }
}
