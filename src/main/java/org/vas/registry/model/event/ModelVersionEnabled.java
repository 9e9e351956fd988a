package org.vas.registry.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * A disabled version may be resolved and assigned again. It leaves the default where it is, unless the event was
 * written before defaults were explicit ({@code implicitDefault}, see {@link ModelVersionAdded}).
 */
@Revision("2")
public record ModelVersionEnabled(ModelId modelId, VersionNumber version,
                                  @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean implicitDefault)
        implements ModelEvent {
}
