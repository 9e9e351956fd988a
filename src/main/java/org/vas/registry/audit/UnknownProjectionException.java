package org.vas.registry.audit;

/** A projection name the registry does not have. */
public class UnknownProjectionException extends RuntimeException {

    public UnknownProjectionException(String name) {
        super("There is no projection called '" + name + "'", null, false, false);
    }
}
