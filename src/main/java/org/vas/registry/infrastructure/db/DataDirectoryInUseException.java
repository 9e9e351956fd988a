package org.vas.registry.infrastructure.db;

import java.io.IOException;

/**
 * Another registry's PostgreSQL serves the data directory: this start is refused, with exit status 3 (the
 * command line's "database unavailable", RegistryCommandLine) and one explanation instead of a stack trace
 * ({@link DataDirectoryInUseFailureAnalyzer}).
 */
public final class DataDirectoryInUseException extends IOException {

    DataDirectoryInUseException(String message) {
        super(message);
    }
}
