package org.vas.registry.audit;

import org.vas.registry.kernel.RegistryException;

/** Another rebuild of the same projection is running, on this instance or another. */
class RebuildInProgressException extends RegistryException {

    public RebuildInProgressException(String name) {
        super(409, "REBUILD_IN_PROGRESS", "A rebuild of '" + name + "' is already running");
    }
}
