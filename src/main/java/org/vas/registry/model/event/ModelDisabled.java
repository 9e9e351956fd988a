package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;

/** The model may no longer be assigned, for the stated reason. */
@Revision("1")
public record ModelDisabled(ModelId modelId, String reason) implements ModelEvent {
}
