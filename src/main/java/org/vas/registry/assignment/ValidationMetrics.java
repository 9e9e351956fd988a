package org.vas.registry.assignment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code registry.validations} counts verdicts by {@code result} (valid, invalid) and
 * {@code registry.validation.violations} the reasons by their stable {@code code}: together they show what
 * keeps assignments from running.
 */
@Component
class ValidationMetrics {

    private final MeterRegistry meters;
    private final Counter valid;
    private final Counter invalid;
    /** Registered once per code: looking a meter up in the registry on every validation costs more than it. */
    private final Map<String, Counter> violations = new ConcurrentHashMap<>();

    ValidationMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.valid = verdicts("valid");
        this.invalid = verdicts("invalid");
    }

    void record(List<ValidationResult> results) {
        for (ValidationResult result : results) {
            (result.valid() ? valid : invalid).increment();
            for (Violation violation : result.violations()) {
                violations.computeIfAbsent(violation.code(), code -> Counter.builder("registry.validation.violations")
                        .description("Violations found, by code").tag("code", code).register(meters)).increment();
            }
        }
    }

    private Counter verdicts(String result) {
        return Counter.builder("registry.validations").description("Assignment validations by result")
                .tag("result", result).register(meters);
    }
}
