package org.vas.registry.model;

/**
 * A refusal the registry explains to its caller. Each subtype is mapped to one HTTP status in one place; the
 * code is the stable, machine-readable part of the answer.
 */
public abstract sealed class RegistryException extends RuntimeException
        permits InvalidInputException, ModelNotFoundException, ModelAlreadyExistsException, ModelRetiredException,
        VersionNotFoundException, VersionConflictException, RevisionMismatchException {

    private final String code;

    protected RegistryException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
