package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** Stop one version from being resolved or assigned, saying why. */
public record DisableVersion(@TargetAggregateIdentifier ModelId modelId, VersionNumber version, String reason,
                             Long expectedRevision) implements ModelCommand {

    public DisableVersion {
        if (version == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
