package org.vas.registry.audit.web;

import org.vas.registry.kernel.RegistryException;

/** The caller asked to read at a log position the read model has not reached within the allowed wait. */
class ReadModelBehindException extends RegistryException {

    ReadModelBehindException(long wanted, long reached) {
        super(503, "READ_MODEL_BEHIND", "The read model is at position " + reached + ", not yet at " + wanted
                + "; retry shortly", null, 1L);
    }
}
