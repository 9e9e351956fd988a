package org.vas.registry.model;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** A registration of an id that is taken, retired or not (the event store's unique key turned it down). */
public class ModelAlreadyExistsException extends RegistryException {

    public ModelAlreadyExistsException(ModelId modelId) {
        super(409, "MODEL_ALREADY_EXISTS", "Model '" + modelId
                + "' is already registered; ids are never reused, even after retirement", "model_id");
    }
}
