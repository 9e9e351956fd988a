package org.vas.registry.assignment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code registry.validations} counts verdicts by {@code result} (valid, invalid) and
 * {@code registry.validation.violations} the reasons by their stable {@code code}: together they show what
 * keeps assignments from running.
 */
@Component
class ValidationMetrics {

    private final MeterRegistry meters;

    ValidationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(List<ValidationResult> results) {
        for (ValidationResult result : results) {
            Counter.builder("registry.validations").description("Assignment validations by result")
                    .tag("result", result.valid() ? "valid" : "invalid").register(meters).increment();
            for (Violation violation : result.violations()) {
                Counter.builder("registry.validation.violations").description("Violations found, by code")
                        .tag("code", violation.code()).register(meters).increment();
            }
        }
    }
}
