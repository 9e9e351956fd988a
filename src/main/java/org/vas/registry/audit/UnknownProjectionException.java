package org.vas.registry.audit;

import org.vas.registry.kernel.RegistryException;

/** A projection name the registry does not have. */
class UnknownProjectionException extends RegistryException {

    public UnknownProjectionException(String name) {
        super(404, "PROJECTION_NOT_FOUND", "There is no projection called '" + name + "'");
    }
}
