package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.ModelId;

/** Allow the model to be assigned. Enabling an enabled model changes nothing. */
public record EnableModel(@TargetAggregateIdentifier ModelId modelId, Long expectedRevision)
        implements ModelCommand {

    public EnableModel {
        expectedRevision = Fields.revision(expectedRevision);
    }
}
