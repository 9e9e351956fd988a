package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;
import org.vas.registry.kernel.VersionNumber;

/** A version is immutable: different content under a version that already exists is refused. */
class VersionConflictException extends RegistryException {

    VersionConflictException(ModelId modelId, VersionNumber version) {
        super(409, "VERSION_CONFLICT", "Model '" + modelId + "' already has version " + version
                + " with different content; versions are immutable, add a new version instead");
    }
}
