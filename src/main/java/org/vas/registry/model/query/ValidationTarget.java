package org.vas.registry.model.query;

import java.util.HashMap;
import java.util.Map;
import org.vas.registry.model.state.ModelState;

/**
 * A model as assignment validation sees it: its status, where its default and aliases point and, per version, what
 * an assignment must respect.
 */
public record ValidationTarget(String modelId, boolean enabled, boolean retired, String defaultVersion,
                               Map<String, String> aliases, Map<String, Version> versions) {

    /** The model as it was, with every declared schema at hand. */
    public static ValidationTarget of(ModelState model) {
        Map<String, Version> versions = new HashMap<>();
        model.versions().values().forEach(v -> versions.put(v.version().value(), new Version(v.version().value(),
                v.enabled(), v.content().maxFps(), v.content().configSchema() != null,
                v.content().configSchema() == null ? null : v.content().configSchema().toString())));
        Map<String, String> aliases = new HashMap<>();
        model.aliases().forEach((alias, version) -> aliases.put(alias, version.value()));
        return new ValidationTarget(model.modelId().value(), model.enabled(), model.retired(),
                model.defaultVersion() == null ? null : model.defaultVersion().value(), aliases, versions);
    }

    /** The model as it would be with {@code version} for its default: what a rollout preview validates against. */
    public ValidationTarget withDefault(String version) {
        return new ValidationTarget(modelId, enabled, retired, version, aliases, versions);
    }

    /**
     * {@code configSchema} is the declared schema's JSON text when the source has it at hand, and null when the
     * version declares none or the source left it in the read model ({@code declaresSchema} tells which): a
     * version is immutable, so its schema is read once, when it is first compiled.
     */
    public record Version(String version, boolean enabled, Integer maxFps, boolean declaresSchema,
                          String configSchema) {
    }
}
