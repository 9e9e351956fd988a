package org.vas.registry.model.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;

/**
 * A model as discovery shows it: the platform's fields ({@code model_id, name, description, supported_tasks,
 * config_schema, enabled, created_at, updated_at}, where {@code config_schema} is the default version's) and the
 * registry's own. {@code position} is the log position of the model's last event. {@code versions} is present on
 * the single-model read only. {@code aliases} maps each alias but the default to its version. {@code warnings}
 * appear in a command's answer only, about what the command left that assignments will feel (a disabled default).
 */
public record ModelView(String modelId, String name, @Schema(nullable = true) String description,
                        List<String> supportedTasks, @Schema(nullable = true) JsonNode configSchema, boolean enabled,
                        Instant createdAt, Instant updatedAt, boolean retired,
                        @Schema(nullable = true) String statusReason, long revision, long position,
                        @Schema(nullable = true) String defaultVersion, Map<String, String> aliases,
                        Map<String, String> tags,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<VersionSummary> versions,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {

    /** Something a command's answer draws attention to; {@code code} is stable. */
    public record Warning(@Schema(allowableValues = {"DEFAULT_VERSION_DISABLED", "ALIAS_VERSION_DISABLED"}) String code,
                          String message) {
    }

    /** The model as discovery shows it, versions included. */
    public static ModelView of(PositionedModel positioned) {
        ModelState model = positioned.state();
        Optional<VersionNumber> defaultVersion = Optional.ofNullable(model.defaultVersion());
        JsonNode configSchema = defaultVersion.map(v -> model.versions().get(v).content().configSchema())
                .orElse(null);
        List<VersionSummary> versions = model.versions().values().stream()
                .map(v -> new VersionSummary(v.version().value(), v.enabled(), v.version().isPreRelease(),
                        v.createdAt()))
                .toList();
        Map<String, String> aliases = new TreeMap<>();
        model.aliases().forEach((alias, version) -> aliases.put(alias, version.value()));
        return new ModelView(model.modelId().value(), model.name(), model.description(), model.supportedTasks(),
                configSchema, model.enabled(), model.createdAt(), model.updatedAt(), model.retired(),
                model.statusReason(), model.revision(), positioned.position(),
                defaultVersion.map(VersionNumber::value).orElse(null), aliases, model.tags(), versions, null);
    }

    /**
     * The warnings for an answer that disabled {@code version}: the default and the aliases that still point at it,
     * through which assignments now fail closed.
     */
    public ModelView withWarningsAboutDisabled(String version) {
        List<Warning> found = new ArrayList<>();
        if (version.equals(defaultVersion)) {
            found.add(new Warning("DEFAULT_VERSION_DISABLED", "Version " + version + " is the default of model '"
                    + modelId + "' and is disabled: assignments without model_version are invalid "
                    + "(VERSION_DISABLED) until it is enabled again or another version is promoted"));
        }
        aliases.forEach((alias, target) -> {
            if (target.equals(version)) {
                found.add(new Warning("ALIAS_VERSION_DISABLED", "Alias '" + alias + "' of model '" + modelId
                        + "' points at version " + version + ", which is disabled: assignments that name @" + alias
                        + " are invalid (VERSION_DISABLED) until it is enabled again or the alias is moved"));
            }
        });
        return new ModelView(modelId, name, description, supportedTasks, configSchema, enabled, createdAt,
                updatedAt, retired, statusReason, revision, position, defaultVersion, aliases, tags, versions,
                List.copyOf(found));
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
                updatedAt, retired, statusReason, revision, position, defaultVersion, aliases, tags, summaries,
                warnings);
    }
}
