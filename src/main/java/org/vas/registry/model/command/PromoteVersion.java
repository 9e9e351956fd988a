package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * Make an enabled version the default, saying why: every assignment that names no version resolves to it from
 * then on. Rolling back is promoting the previous default again. Promoting the default changes nothing.
 */
public record PromoteVersion(@TargetAggregateIdentifier ModelId modelId, VersionNumber version, String reason,
                             Long expectedRevision) implements ModelCommand {

    public PromoteVersion {
        if (version == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
