package org.vas.registry.access;

/** An unrevoked key has the name already: the name is the actor of its holder's events, so it must be unique. */
public class ApiKeyNameTakenException extends RuntimeException {

    ApiKeyNameTakenException(String name) {
        super("An unrevoked API key is already named '" + name + "'; revoke it or choose another name", null, false,
                false);
    }
}
