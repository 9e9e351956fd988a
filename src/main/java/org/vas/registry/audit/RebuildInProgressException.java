package org.vas.registry.audit;

/** Another rebuild of the same projection is running, on this instance or another. */
public class RebuildInProgressException extends RuntimeException {

    public RebuildInProgressException(String name) {
        super("A rebuild of '" + name + "' is already running", null, false, false);
    }
}
