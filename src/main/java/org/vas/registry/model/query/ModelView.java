package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model as discovery shows it: the platform's fields ({@code model_id, name, description, supported_tasks,
 * config_schema, enabled, created_at, updated_at}, where {@code config_schema} is the default version's) and the
 * registry's own. {@code position} is the log position of the model's last event. {@code versions} is present on
 * the single-model read only.
 */
public record ModelView(String modelId, String name, String description, List<String> supportedTasks,
                        JsonNode configSchema, boolean enabled, Instant createdAt, Instant updatedAt,
                        boolean retired, String statusReason, long revision, long position,
                        String defaultVersion, Map<String, String> tags,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<VersionSummary> versions) {

    @JsonProperty("status")
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
