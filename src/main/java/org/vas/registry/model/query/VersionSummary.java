package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A version as listed under its model. */
public record VersionSummary(String version, boolean enabled, boolean preRelease, Instant createdAt) {

    @JsonProperty("status")
    public String status() {
        return enabled ? "enabled" : "disabled";
    }
}
