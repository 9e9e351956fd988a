package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;

/**
 * A model as discovery shows it: the platform's fields ({@code model_id, name, description, supported_tasks,
 * config_schema, enabled, created_at, updated_at}, where {@code config_schema} is the default version's) and the
 * registry's own. {@code position} is the log position of the model's last event. {@code versions} is present on
 * the single-model read only.
 */
public record ModelView(String modelId, String name, @Schema(nullable = true) String description,
                        List<String> supportedTasks, @Schema(nullable = true) JsonNode configSchema, boolean enabled,
                        Instant createdAt, Instant updatedAt, boolean retired,
                        @Schema(nullable = true) String statusReason, long revision, long position,
                        @Schema(nullable = true) String defaultVersion, Map<String, String> tags,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<VersionSummary> versions) {

    /** The model as discovery shows it, versions included. */
    public static ModelView of(PositionedModel positioned) {
        ModelState model = positioned.state();
        Optional<VersionNumber> defaultVersion = model.defaultVersion();
        JsonNode configSchema = defaultVersion.map(v -> model.versions().get(v).content().configSchema())
                .orElse(null);
        List<VersionSummary> versions = model.versions().values().stream()
                .map(v -> new VersionSummary(v.version().value(), v.enabled(), v.version().isPreRelease(),
                        v.createdAt()))
                .toList();
        return new ModelView(model.modelId().value(), model.name(), model.description(), model.supportedTasks(),
                configSchema, model.enabled(), model.createdAt(), model.updatedAt(), model.retired(),
                model.statusReason(), model.revision(), positioned.position(),
                defaultVersion.map(VersionNumber::value).orElse(null), model.tags(), versions);
    }

    @JsonProperty("status")
    @Schema(allowableValues = {"enabled", "disabled", "retired"})
    public String status() {
        return retired ? "retired" : enabled ? "enabled" : "disabled";
    }

    public ModelView withoutVersions() {
        return withVersions(null);
    }

    ModelView withVersions(List<VersionSummary> summaries) {
        return new ModelView(modelId, name, description, supportedTasks, configSchema, enabled, createdAt,
                updatedAt, retired, statusReason, revision, position, defaultVersion, tags, summaries);
    }
}
