package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.Reasoned;

/**
 * An admin's instruction to the registry. Each one is validated on construction, so a command that exists is
 * well-formed; whether it is allowed is for the model to decide.
 */
public sealed interface ModelCommand extends Reasoned
        permits RegisterModel, UpdateModelMetadata, AddModelVersion, EnableModel, DisableModel, EnableVersion,
        DisableVersion, RetireModel, PromoteVersion, MoveAlias, RemoveAlias {

    ModelId modelId();

    /** Why the admin acts, for the commands that must say; recorded on the events the command causes. */
    @Override
    default String reason() {
        return null;
    }

    /** The revision the caller last saw ({@code If-Match}), or null to act on whatever is current. */
    Long expectedRevision();
}
