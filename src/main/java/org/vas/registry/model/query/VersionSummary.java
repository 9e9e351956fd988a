package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A version as listed under its model. */
public record VersionSummary(String version, boolean enabled, boolean preRelease, Instant createdAt) {

    @JsonProperty("status")
    @Schema(allowableValues = {"enabled", "disabled"})
    public String status() {
        return enabled ? "enabled" : "disabled";
    }
}
