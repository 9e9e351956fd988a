package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.model.state.VersionContent;
import org.vas.registry.model.state.VersionState;

/** One version with its whole declarative contract, exactly as it was added. */
public record VersionView(String modelId, String version, boolean enabled, boolean preRelease,
                          @Schema(nullable = true) String statusReason, @Schema(nullable = true) JsonNode configSchema,
                          @Schema(nullable = true) Performance performance, @Schema(nullable = true) JsonNode input,
                          @Schema(nullable = true) JsonNode output, @Schema(nullable = true) JsonNode hardware,
                          @Schema(nullable = true) JsonNode limits, @Schema(nullable = true) JsonNode capabilities,
                          Instant createdAt, Instant updatedAt) {

    public static VersionView of(ModelId modelId, VersionState version) {
        VersionContent content = version.content();
        return new VersionView(modelId.value(), version.version().value(), version.enabled(),
                version.version().isPreRelease(), version.statusReason(), content.configSchema(),
                content.performance(), content.input(), content.output(), content.hardware(), content.limits(),
                content.capabilities(), version.createdAt(), version.updatedAt());
    }

    @JsonProperty("status")
    @Schema(allowableValues = {"enabled", "disabled"})
    public String status() {
        return enabled ? "enabled" : "disabled";
    }

    /** What the version declares, as its equality rule sees it. */
    @JsonIgnore
    public VersionContent content() {
        return new VersionContent(configSchema, performance, input, output, hardware, limits, capabilities);
    }
}
