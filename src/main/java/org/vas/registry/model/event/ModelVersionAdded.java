package org.vas.registry.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;

/**
 * A new, immutable version was added, enabled. The JSON documents are kept exactly as declared. It becomes the
 * default only when the model has none. {@code implicitDefault} marks an event written before defaults were
 * explicit (revision 1, set by an upcaster): the default then moves as it did, to the highest enabled release.
 */
@Revision("2")
public record ModelVersionAdded(ModelId modelId, VersionNumber version, JsonNode configSchema,
                                Performance performance, JsonNode input, JsonNode output, JsonNode hardware,
                                JsonNode limits, JsonNode capabilities,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean implicitDefault)
        implements ModelEvent {
}
