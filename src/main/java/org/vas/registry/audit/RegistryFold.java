package org.vas.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vas.registry.model.VersionNumber;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.ValidationTarget;
import org.vas.registry.model.query.VersionSummary;
import org.vas.registry.model.query.VersionView;

/**
 * The registry's state rebuilt in memory from the log, independently of the projection: time travel answers from
 * it, and verification compares the read model against it. It deliberately does not share the projection's code,
 * so that a mistake in one shows up as a difference.
 */
final class RegistryFold {

    private final ObjectMapper json;
    private final Map<String, Model> models = new LinkedHashMap<>();

    RegistryFold(ObjectMapper json) {
        this.json = json;
    }

    static RegistryFold of(List<LoggedEvent> events, ObjectMapper json) {
        RegistryFold fold = new RegistryFold(json);
        events.forEach(fold::apply);
        return fold;
    }

    /** Folds a model event in; the log's other events (about API keys) have no place in the registry's state. */
    void apply(LoggedEvent logged) {
        if (!(logged.event() instanceof ModelEvent event)) {
            return;
        }
        Instant at = logged.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        if (event instanceof ModelRegistered registered) {
            models.putIfAbsent(logged.modelId(), new Model(registered, at));
        }
        Model model = models.get(logged.modelId());
        if (model == null) {
            return;
        }
        model.revision = logged.revision();
        model.position = logged.position();
        model.updatedAt = at;
        if (event instanceof ModelMetadataUpdated updated) {
            model.name = Objects.requireNonNullElse(updated.name(), model.name);
            model.description = updated.description() == null ? model.description : emptyAsNull(updated.description());
            model.supportedTasks = Objects.requireNonNullElse(updated.supportedTasks(), model.supportedTasks);
            model.tags = Objects.requireNonNullElse(updated.tags(), model.tags);
        } else if (event instanceof ModelVersionAdded added) {
            model.versions.put(added.version().value(), new Version(added, at, json));
        } else if (event instanceof ModelEnabled) {
            model.enabled = true;
            model.statusReason = null;
        } else if (event instanceof ModelDisabled disabled) {
            model.enabled = false;
            model.statusReason = disabled.reason();
        } else if (event instanceof ModelVersionEnabled enabled) {
            model.versions.get(enabled.version().value()).status(true, null, at);
        } else if (event instanceof ModelVersionDisabled disabled) {
            model.versions.get(disabled.version().value()).status(false, disabled.reason(), at);
        } else if (event instanceof ModelRetired retired) {
            model.retired = true;
            model.enabled = false;
            model.statusReason = retired.reason();
        }
    }

    List<String> modelIds() {
        return List.copyOf(models.keySet());
    }

    ModelView view(String modelId) {
        Model model = models.get(modelId);
        return model == null ? null : model.view();
    }

    List<VersionView> versions(String modelId) {
        Model model = models.get(modelId);
        return model == null ? List.of() : model.sortedVersions().stream().map(v -> v.view(modelId)).toList();
    }

    ValidationTarget target(String modelId) {
        Model model = models.get(modelId);
        if (model == null) {
            return null;
        }
        Map<String, ValidationTarget.Version> versions = new HashMap<>();
        model.versions.values().forEach(v -> versions.put(v.version, new ValidationTarget.Version(v.version,
                v.enabled, v.maxFps(), v.configSchema != null, v.configSchema == null ? null
                : v.configSchema.toString())));
        return new ValidationTarget(modelId, model.enabled, model.retired, model.defaultVersion(), versions);
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static JsonNode declared(JsonNode document) {
        return document == null || document.isNull() ? null : document;
    }

    private static final class Model {
        final String modelId;
        final Instant createdAt;
        final Map<String, Version> versions = new HashMap<>();
        String name;
        String description;
        List<String> supportedTasks;
        Map<String, String> tags;
        boolean enabled;
        boolean retired;
        String statusReason;
        long revision;
        long position;
        Instant updatedAt;

        Model(ModelRegistered registered, Instant at) {
            modelId = registered.modelId().value();
            name = registered.name();
            description = emptyAsNull(registered.description());
            supportedTasks = registered.supportedTasks();
            tags = registered.tags();
            createdAt = at;
        }

        String defaultVersion() {
            return VersionNumber.preferred(versions.values().stream().filter(v -> v.enabled)
                    .map(v -> VersionNumber.of(v.version)).toList()).map(VersionNumber::value).orElse(null);
        }

        List<Version> sortedVersions() {
            List<Version> sorted = new ArrayList<>(versions.values());
            sorted.sort(Comparator.comparing((Version v) -> VersionNumber.of(v.version)).reversed());
            return sorted;
        }

        ModelView view() {
            String defaultVersion = defaultVersion();
            JsonNode configSchema = defaultVersion == null ? null : versions.get(defaultVersion).configSchema;
            List<VersionSummary> summaries = sortedVersions().stream()
                    .map(v -> new VersionSummary(v.version, v.enabled, VersionNumber.of(v.version).isPreRelease(),
                            v.createdAt))
                    .toList();
            return new ModelView(modelId, name, description, supportedTasks, configSchema, enabled, createdAt,
                    updatedAt, retired, statusReason, revision, position, defaultVersion, tags, summaries);
        }
    }

    private static final class Version {
        final String version;
        final JsonNode configSchema;
        final JsonNode performance;
        final JsonNode input;
        final JsonNode output;
        final JsonNode hardware;
        final JsonNode limits;
        final JsonNode capabilities;
        final Instant createdAt;
        boolean enabled = true;
        String statusReason;
        Instant updatedAt;

        Version(ModelVersionAdded added, Instant at, ObjectMapper json) {
            version = added.version().value();
            configSchema = declared(added.configSchema());
            performance = added.performance() == null ? null : json.valueToTree(added.performance());
            input = declared(added.input());
            output = declared(added.output());
            hardware = declared(added.hardware());
            limits = declared(added.limits());
            capabilities = declared(added.capabilities());
            createdAt = at;
            updatedAt = at;
        }

        void status(boolean enabled, String reason, Instant at) {
            this.enabled = enabled;
            this.statusReason = reason;
            this.updatedAt = at;
        }

        Integer maxFps() {
            return performance == null || !performance.hasNonNull("max_fps") ? null
                    : performance.get("max_fps").asInt();
        }

        VersionView view(String modelId) {
            return new VersionView(modelId, version, enabled, VersionNumber.of(version).isPreRelease(), statusReason,
                    configSchema, performance, input, output, hardware, limits, capabilities, createdAt, updatedAt);
        }
    }
}
