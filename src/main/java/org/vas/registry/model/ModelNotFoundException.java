package org.vas.registry.model;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** A command or read for a model id that has never been registered. */
public class ModelNotFoundException extends RegistryException {

    public ModelNotFoundException(ModelId modelId) {
        super(404, "MODEL_NOT_FOUND", "Model '" + modelId + "' is not registered");
    }
}
