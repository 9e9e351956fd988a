package org.vas.registry.model.query;

import java.util.HashMap;
import java.util.Map;
import org.vas.registry.kernel.Sha256;
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
        model.versions().values().forEach(v -> {
            String schema = v.content().configSchema() == null ? null : v.content().configSchema().toString();
            versions.put(v.version().value(), new Version(v.version().value(), v.enabled(), v.content().maxFps(),
                    schema == null ? null : Sha256.hex(schema), schema));
        });
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
     * {@code schemaDigest} names the declared schema by its content, the SHA-256 of its JSON text in hex, and is
     * null when the version declares none: versions that declare the same schema share one compiled copy.
     * {@code configSchema} is that text when the source has it at hand, and null when the source left it in the
     * read model: a version is immutable, so a schema is read once, when it is first compiled. The read model
     * computes the digest of the text it gives back ({@code ValidationReads}); a digest of another spelling of the
     * same schema only makes a second copy.
     */
    public record Version(String version, boolean enabled, Integer maxFps, String schemaDigest,
                          String configSchema) {

        public boolean declaresSchema() {
            return schemaDigest != null;
        }
    }
}
