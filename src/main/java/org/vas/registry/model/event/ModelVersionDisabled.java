package org.vas.registry.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * A version may no longer be resolved or assigned, for the stated reason. A default or alias that points at it
 * keeps pointing at it, and assignments resolved through it are invalid, unless the event was written before
 * defaults were explicit ({@code implicitDefault}, see {@link ModelVersionAdded}).
 */
@Revision("2")
public record ModelVersionDisabled(ModelId modelId, VersionNumber version, String reason,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean implicitDefault)
        implements ModelEvent {
}
