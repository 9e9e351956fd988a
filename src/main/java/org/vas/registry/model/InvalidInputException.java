package org.vas.registry.model;

/** A request that breaks a rule about its own content, whatever the registry holds. Nothing is written. */
public final class InvalidInputException extends RegistryException {

    private final String field;

    public InvalidInputException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
