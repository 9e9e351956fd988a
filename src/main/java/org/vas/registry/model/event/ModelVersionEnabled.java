package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** A disabled version may be resolved and assigned again. */
@Revision("1")
public record ModelVersionEnabled(ModelId modelId, VersionNumber version) implements ModelEvent {
}
