package org.vas.registry.infrastructure.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The second start on a data directory in use says why and what to do, without the stack trace of the refusal. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other registry, or give this one its own data directory with REGISTRY_DATA_DIR.", cause);
    }
}
