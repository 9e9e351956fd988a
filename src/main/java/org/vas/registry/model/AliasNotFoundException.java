package org.vas.registry.model;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** A read for an alias the model does not have (or, for {@code @default}, a model without a default). */
public class AliasNotFoundException extends RegistryException {

    public AliasNotFoundException(ModelId modelId, String alias) {
        super(404, "ALIAS_NOT_FOUND", "Model '" + modelId + "' has no alias '" + alias + "'");
    }
}
