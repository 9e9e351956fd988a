package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * An admin pointed the alias at {@code version}, for the stated reason. {@code previous} is the version it pointed
 * at before, null when the alias is new.
 */
@Revision("1")
public record AliasMoved(ModelId modelId, String alias, VersionNumber version, VersionNumber previous,
                         String reason) implements ModelEvent {
}
