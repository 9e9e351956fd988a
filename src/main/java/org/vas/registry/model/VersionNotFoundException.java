package org.vas.registry.model;

/** A command or read for a version the model does not have. */
public final class VersionNotFoundException extends RegistryException {

    public VersionNotFoundException(ModelId modelId, VersionNumber version) {
        super("VERSION_NOT_FOUND", "Model '" + modelId + "' has no version " + version);
    }
}
