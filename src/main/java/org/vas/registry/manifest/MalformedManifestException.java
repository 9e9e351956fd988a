package org.vas.registry.manifest;

import org.vas.registry.kernel.RegistryException;

/** The request body is not readable as manifests at all: not YAML or JSON, or using refused YAML features. */
public final class MalformedManifestException extends RegistryException {

    MalformedManifestException(String message) {
        super(400, "MALFORMED_MANIFEST", message);
    }
}
