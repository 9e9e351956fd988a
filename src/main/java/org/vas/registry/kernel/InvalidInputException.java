package org.vas.registry.kernel;

/** A request that breaks a rule about its own content, whatever the registry holds. Nothing is written. */
public class InvalidInputException extends RegistryException {

    public InvalidInputException(String code, String field, String message) {
        super(400, code, message, field);
    }
}
