package org.vas.registry.access;

import org.vas.registry.kernel.RegistryException;

/** An unrevoked key has the name already: the name is the actor of its holder's events, so it must be unique. */
class ApiKeyNameTakenException extends RegistryException {

    ApiKeyNameTakenException(String name) {
        super(409, "API_KEY_NAME_TAKEN", "An unrevoked API key is already named '" + name
                + "'; revoke it or choose another name", "name");
    }
}
