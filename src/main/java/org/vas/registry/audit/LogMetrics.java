package org.vas.registry.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The event log's gauges: {@code registry.event.store.head}, {@code registry.event.store.events},
 * {@code registry.projection.position} and {@code registry.projection.lag}.
 */
@Component
class LogMetrics {

    LogMetrics(MeterRegistry meters, LogPosition position) {
        Gauge.builder("registry.event.store.head", position, p -> p.read().head())
                .description("Highest global index in the event store (has gaps)").register(meters);
        Gauge.builder("registry.event.store.events", position, p -> p.read().stored())
                .description("Events stored").register(meters);
        Gauge.builder("registry.projection.position", position, p -> p.read().projected())
                .description("Log position the read model reflects").register(meters);
        Gauge.builder("registry.projection.lag", position, p -> p.read().lag())
                .description("Log positions the read model does not reflect yet").register(meters);
    }
}
