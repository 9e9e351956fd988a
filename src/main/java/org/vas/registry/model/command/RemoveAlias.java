package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.ModelId;

/**
 * Remove an alias, saying why; assignments that name it are invalid from then on. Removing an alias the model does
 * not have changes nothing.
 */
public record RemoveAlias(@TargetAggregateIdentifier ModelId modelId, String alias, String reason,
                          Long expectedRevision) implements ModelCommand {

    public RemoveAlias {
        alias = Fields.alias(alias);
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
