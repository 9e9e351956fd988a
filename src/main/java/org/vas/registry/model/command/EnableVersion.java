package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** Allow one version to be resolved and assigned again. */
public record EnableVersion(@TargetAggregateIdentifier ModelId modelId, VersionNumber version,
                            Long expectedRevision) implements ModelCommand {

    public EnableVersion {
        if (version == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        expectedRevision = Fields.revision(expectedRevision);
    }
}
