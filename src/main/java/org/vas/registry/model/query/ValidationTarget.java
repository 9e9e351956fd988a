package org.vas.registry.model.query;

import java.util.Map;

/** A model as assignment validation sees it: its status and, per version, what an assignment must respect. */
public record ValidationTarget(String modelId, boolean enabled, boolean retired, String defaultVersion,
                               Map<String, Version> versions) {

    /**
     * {@code configSchema} is the declared schema's JSON text when the source has it at hand, and null when the
     * version declares none or the source left it in the read model ({@code declaresSchema} tells which): a
     * version is immutable, so its schema is read once, when it is first compiled.
     */
    public record Version(String version, boolean enabled, Integer maxFps, boolean declaresSchema,
                          String configSchema) {
    }
}
