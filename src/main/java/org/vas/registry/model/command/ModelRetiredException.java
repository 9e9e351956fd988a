package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** Retirement is a tombstone: the model's history stays, but it accepts no command. */
class ModelRetiredException extends RegistryException {

    ModelRetiredException(ModelId modelId) {
        super(409, "MODEL_RETIRED", "Model '" + modelId + "' is retired and accepts no further commands");
    }
}
