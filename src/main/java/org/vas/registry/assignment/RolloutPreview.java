package org.vas.registry.assignment;

import java.util.List;

/**
 * What promoting {@code version} would do to a batch of assignments: each one's result today and with that version
 * as the default. {@code current_default} is the default today (null: none); {@code changed} counts the
 * assignments whose result would differ.
 */
public record RolloutPreview(String modelId, String version, String currentDefault, List<PreviewResult> results,
                             int total, int validNow, int validThen, int changed) {

    static RolloutPreview of(String modelId, String version, String currentDefault, List<PreviewResult> results) {
        return new RolloutPreview(modelId, version, currentDefault, results, results.size(),
                (int) results.stream().filter(r -> r.now().valid()).count(),
                (int) results.stream().filter(r -> r.then().valid()).count(),
                (int) results.stream().filter(r -> !r.now().equals(r.then())).count());
    }

    /** One assignment: its result now, its result then, and the violations it would have then that it has not now. */
    public record PreviewResult(ValidationResult now, ValidationResult then, List<Violation> newViolations) {

        static PreviewResult of(ValidationResult now, ValidationResult then) {
            return new PreviewResult(now, then, then.violations().stream().filter(v -> !now.violations().contains(v))
                    .toList());
        }
    }
}
