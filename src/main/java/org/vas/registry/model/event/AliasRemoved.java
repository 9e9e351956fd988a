package org.vas.registry.model.event;

import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** An admin removed the alias, which pointed at {@code previous}, for the stated reason. */
@Revision("1")
public record AliasRemoved(ModelId modelId, String alias, VersionNumber previous, String reason)
        implements ModelEvent {
}
