package org.vas.registry.model;

/** A version is immutable: different content under a version that already exists is refused. */
public final class VersionConflictException extends RegistryException {

    public VersionConflictException(ModelId modelId, VersionNumber version) {
        super("VERSION_CONFLICT", "Model '" + modelId + "' already has version " + version
                + " with different content; versions are immutable, add a new version instead");
    }
}
