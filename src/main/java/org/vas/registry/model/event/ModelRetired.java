package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;

/** A tombstone: the model leaves discovery for good, its history stays, and its id is never reused. */
@Revision("1")
public record ModelRetired(ModelId modelId, String reason) implements ModelEvent {
}
