package org.vas.registry.ledger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code eventChain}: verifies the whole chain every {@code registry.ledger.check-interval} and reports the last
 * result. A broken chain makes it DOWN, which shows in the overall health for monitoring, but it is in neither
 * the liveness nor the readiness group: restarting or draining the instance would not repair the log.
 */
@Component("eventChain")
class ChainCheck implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainCheck.class);

    private final Ledger ledger;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile ChainReport last;
    private volatile String failure;

    ChainCheck(Ledger ledger, @Value("${registry.ledger.check-interval}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("registry.ledger.check-interval must be positive, not " + interval);
        }
        this.ledger = ledger;
        this.interval = interval;
    }

    void check() {
        try {
            ChainReport report = ledger.verify();
            if (!report.intact() && (last == null || last.intact())) {
                log.error("The event log does not match its hash chain: {}", report.firstBreak());
            }
            last = report;
            failure = null;
        } catch (RuntimeException e) {
            failure = "The event log could not be read";
            log.warn("The hash chain check could not read the event log", e);
        }
    }

    @Override
    public Health health() {
        ChainReport report = last;
        if (report == null) {
            return failure == null ? Health.unknown().build() : Health.unknown().withDetail("error", failure).build();
        }
        Health.Builder health = report.intact() ? Health.up() : Health.down();
        health.withDetail("intact", report.intact())
                .withDetail("head_position", report.headPosition())
                .withDetail("checked_at", report.checkedAt().toString())
                .withDetail("check_interval", interval.toString());
        if (report.firstBreak() != null) {
            health.withDetail("first_break_position", report.firstBreak().position())
                    .withDetail("first_break_kind", report.firstBreak().kind());
        }
        if (failure != null) {
            health.withDetail("error", failure);
        }
        return health.build();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-chain-check");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
