package org.vas.registry.model;

/** A command or read for a model id that has never been registered. */
public final class ModelNotFoundException extends RegistryException {

    public ModelNotFoundException(ModelId modelId) {
        super("MODEL_NOT_FOUND", "Model '" + modelId + "' is not registered");
    }
}
