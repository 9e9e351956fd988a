package org.vas.registry.model.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.vas.registry.model.Performance;
import org.vas.registry.model.event.ModelVersionAdded;

/**
 * What a version declares. Two declarations of the same version are the same when their contents are equal, which
 * is what makes adding a version again a no-op. A document read back from the log or the read model may be a JSON
 * null where the command had no document at all: both mean "not declared", and are normalised here, once.
 */
public record VersionContent(JsonNode configSchema, Performance performance, JsonNode input, JsonNode output,
                             JsonNode hardware, JsonNode limits, JsonNode capabilities) {

    /** A version that declares nothing, as a state without declarations keeps its versions. */
    public static final VersionContent NONE = new VersionContent(null, null, null, null, null, null, null);

    public VersionContent {
        configSchema = declared(configSchema);
        input = declared(input);
        output = declared(output);
        hardware = declared(hardware);
        limits = declared(limits);
        capabilities = declared(capabilities);
    }

    public static VersionContent of(ModelVersionAdded added) {
        return new VersionContent(added.configSchema(), added.performance(), added.input(), added.output(),
                added.hardware(), added.limits(), added.capabilities());
    }

    /** The assignment's fps ceiling, when the version declares one. */
    public Integer maxFps() {
        return performance == null ? null : performance.maxFps();
    }

    /** A missing document and a JSON null are both "not declared". */
    public static JsonNode declared(JsonNode document) {
        return document == null || document.isNull() ? null : document;
    }
}
