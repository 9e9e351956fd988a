package org.vas.registry.model.query;

import java.util.Map;

/** A model as assignment validation sees it: its status and, per version, what an assignment must respect. */
public record ValidationTarget(String modelId, boolean enabled, boolean retired, String defaultVersion,
                               Map<String, Version> versions) {

    /** {@code configSchema} is the declared schema's JSON text, or null when the version declares none. */
    public record Version(String version, boolean enabled, Integer maxFps, String configSchema) {
    }
}
