package org.vas.registry.model;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;
import org.vas.registry.kernel.VersionNumber;

/** A command or read for a version the model does not have. */
public class VersionNotFoundException extends RegistryException {

    public VersionNotFoundException(ModelId modelId, VersionNumber version) {
        super(404, "VERSION_NOT_FOUND", "Model '" + modelId + "' has no version " + version);
    }
}
