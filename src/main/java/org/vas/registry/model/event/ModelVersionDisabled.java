package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** A version may no longer be resolved or assigned, for the stated reason. */
@Revision("1")
public record ModelVersionDisabled(ModelId modelId, VersionNumber version, String reason) implements ModelEvent {
}
