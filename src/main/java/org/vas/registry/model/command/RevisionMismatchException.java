package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;

/** The caller's {@code If-Match} names a revision the model has moved past (or never had). */
class RevisionMismatchException extends RegistryException {

    RevisionMismatchException(ModelId modelId, long expected, long actual) {
        super(412, "STALE_REVISION", "Model '" + modelId + "' is at revision " + actual + ", not " + expected);
    }
}
