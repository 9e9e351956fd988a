package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One version with its whole declarative contract, exactly as it was added. */
public record VersionView(String modelId, String version, boolean enabled, boolean preRelease, String statusReason,
                          JsonNode configSchema, JsonNode performance, JsonNode input, JsonNode output,
                          JsonNode hardware, JsonNode limits, JsonNode capabilities, Instant createdAt,
                          Instant updatedAt) {

    @JsonProperty("status")
    public String status() {
        return enabled ? "enabled" : "disabled";
    }
}
