package org.vas.registry.model;

/** The caller's {@code If-Match} names a revision the model has moved past (or never had). */
public final class RevisionMismatchException extends RegistryException {

    public RevisionMismatchException(ModelId modelId, long expected, long actual) {
        super("STALE_REVISION", "Model '" + modelId + "' is at revision " + actual + ", not " + expected);
    }
}
