package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * An admin made {@code version} the default, the version an assignment that names none resolves to, for the
 * stated reason. {@code previous} is the default it replaced (null when the model had none), so that a rollback
 * can be read off the event.
 */
@Revision("1")
public record DefaultVersionChanged(ModelId modelId, VersionNumber version, VersionNumber previous, String reason)
        implements ModelEvent {
}
