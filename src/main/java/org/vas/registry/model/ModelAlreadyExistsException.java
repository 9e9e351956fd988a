package org.vas.registry.model;

/** A registration of an id that is taken, retired or not. */
public final class ModelAlreadyExistsException extends RegistryException {

    public ModelAlreadyExistsException(ModelId modelId) {
        super("MODEL_ALREADY_EXISTS", "Model '" + modelId + "' is already registered; ids are never reused, even after retirement");
    }
}
