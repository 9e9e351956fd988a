package org.vas.registry.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code projection}: UP while the read model reflects the event log to within the configured lag, otherwise
 * OUT_OF_SERVICE, which takes the instance out of readiness: discovery and validation would answer from stale
 * state. A database that cannot be read makes it DOWN.
 */
@Component("projection")
class ProjectionHealthIndicator implements HealthIndicator {

    private final LogPosition position;
    private final long maxLag;

    ProjectionHealthIndicator(LogPosition position,
                              @Value("${registry.health.projection.max-lag:0}") long maxLag) {
        this.position = position;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        LogPosition.Snapshot snapshot = position.read();
        Health.Builder health = snapshot.lag() > maxLag ? Health.outOfService() : Health.up();
        return health.withDetail("head_position", snapshot.head())
                .withDetail("events_stored", snapshot.stored())
                .withDetail("projected_position", snapshot.projected())
                .withDetail("lag", snapshot.lag())
                .withDetail("max_lag", maxLag)
                .build();
    }
}
