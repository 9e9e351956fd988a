package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** A registration of an id that is taken, retired or not (the event store's unique key turned it down). */
class ModelAlreadyExistsException extends RegistryException {

    ModelAlreadyExistsException(ModelId modelId) {
        super(409, "MODEL_ALREADY_EXISTS", "Model '" + modelId
                + "' is already registered; ids are never reused, even after retirement", "model_id");
    }
}
