package org.vas.registry.access.web;

import org.vas.registry.kernel.RegistryException;

/** A key id that was never issued. */
class UnknownApiKeyException extends RegistryException {

    public UnknownApiKeyException(String id) {
        super(404, "API_KEY_NOT_FOUND", "There is no API key '" + id + "'");
    }
}
