package org.vas.registry.access.web;

/** A key id that was never issued. */
public class UnknownApiKeyException extends RuntimeException {

    public UnknownApiKeyException(String id) {
        super("There is no API key '" + id + "'", null, false, false);
    }
}
