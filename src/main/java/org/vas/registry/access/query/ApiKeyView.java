package org.vas.registry.access.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A key as admins list it: never its secret, nor its hash. */
public record ApiKeyView(String id, String name,
                         @ArraySchema(schema = @Schema(allowableValues = {"reader", "admin", "auditor", "metrics"}))
                         List<String> roles, Instant createdAt, String createdBy,
                         @Schema(nullable = true) Instant expiresAt, @Schema(nullable = true) Instant revokedAt,
                         @Schema(nullable = true) String revokedBy, @Schema(nullable = true) Instant lastUsedAt) {

    @JsonProperty("status")
    @Schema(allowableValues = {"active", "revoked", "expired"})
    public String status() {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(Instant.now()) ? "expired" : "active";
    }
}
