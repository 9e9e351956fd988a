package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.ModelId;

/** Stop the model from being assigned, saying why. Disabling a disabled model changes nothing. */
public record DisableModel(@TargetAggregateIdentifier ModelId modelId, String reason, Long expectedRevision)
        implements ModelCommand {

    public DisableModel {
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
