package org.vas.registry.model;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** Retirement is a tombstone: the model's history stays, but it accepts no command. */
public class ModelRetiredException extends RegistryException {

    public ModelRetiredException(ModelId modelId) {
        super(409, "MODEL_RETIRED", "Model '" + modelId + "' is retired and accepts no further commands");
    }
}
