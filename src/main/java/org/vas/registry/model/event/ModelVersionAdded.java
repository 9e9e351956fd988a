package org.vas.registry.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;

/** A new, immutable version was added, enabled. The JSON documents are kept exactly as declared. */
@Revision("1")
public record ModelVersionAdded(ModelId modelId, VersionNumber version, JsonNode configSchema,
                                Performance performance, JsonNode input, JsonNode output, JsonNode hardware,
                                JsonNode limits, JsonNode capabilities) implements ModelEvent {
}
