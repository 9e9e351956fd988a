package org.vas.registry.model;

/** Retirement is a tombstone: the model's history stays, but it accepts no command. */
public final class ModelRetiredException extends RegistryException {

    public ModelRetiredException(ModelId modelId) {
        super("MODEL_RETIRED", "Model '" + modelId + "' is retired and accepts no further commands");
    }
}
