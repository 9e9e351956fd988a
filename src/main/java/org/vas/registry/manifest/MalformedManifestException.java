package org.vas.registry.manifest;

/** The request body is not readable as manifests at all: not YAML or JSON, or using refused YAML features. */
public final class MalformedManifestException extends RuntimeException {

    MalformedManifestException(String message) {
        super(message, null, false, false);
    }
}
