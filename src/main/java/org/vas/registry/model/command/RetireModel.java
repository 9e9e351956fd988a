package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.ModelId;

/** Retire the model for good, saying why. Its id is never reused and it accepts no later command. */
public record RetireModel(@TargetAggregateIdentifier ModelId modelId, String reason, Long expectedRevision)
        implements ModelCommand {

    public RetireModel {
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
