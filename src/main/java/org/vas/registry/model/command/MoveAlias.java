package org.vas.registry.model.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * Point an alias (such as {@code canary}) at an enabled version, creating it if need be, saying why. Pointing it
 * where it points changes nothing.
 */
public record MoveAlias(@TargetAggregateIdentifier ModelId modelId, String alias, VersionNumber version,
                        String reason, Long expectedRevision) implements ModelCommand {

    public MoveAlias {
        alias = Fields.alias(alias);
        if (version == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        reason = Fields.reason(reason);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
