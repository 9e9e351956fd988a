package org.vas.registry.assignment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The registry's verdict on one assignment. {@code valid} is true only when no violation was found;
 * {@code resolved_version} is the version the assignment would run, when there is one.
 */
public record ValidationResult(boolean valid, String modelId, @Schema(nullable = true) String resolvedVersion,
                               List<Violation> violations) {

    static ValidationResult of(String modelId, String resolvedVersion, List<Violation> violations) {
        return new ValidationResult(violations.isEmpty(), modelId, resolvedVersion, List.copyOf(violations));
    }
}
