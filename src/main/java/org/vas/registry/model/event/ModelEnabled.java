package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;

/** The model may now be assigned. */
@Revision("1")
public record ModelEnabled(ModelId modelId) implements ModelEvent {
}
