package org.vas.registry.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The embedded PostgreSQL is part of this process's own machinery: when it dies (SIGKILL, the OOM killer) nothing
 * brings it back, and every request would answer 503 for ever while liveness said UP. Its death marks the
 * registry's liveness BROKEN, so that the supervisor restarts the registry, which starts its database again (WAL
 * recovery, then the orphaned data directory's lock is cleared by {@link StalePostmaster}). A stop that Spring itself
 * asks for, at shutdown, is not a death.
 */
final class PostmasterWatch implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(PostmasterWatch.class);

    private final AtomicBoolean closing = new AtomicBoolean();

    PostmasterWatch(EmbeddedPostgres postgres, Path dataDir, ApplicationEventPublisher events) throws IOException {
        ProcessHandle postmaster = StalePostmaster.running(dataDir)
                .orElseThrow(() -> new IOException("The embedded PostgreSQL in " + dataDir + " is not running"));
        postmaster.onExit().thenRun(() -> {
            if (!closing.get()) {
                log.error("The embedded PostgreSQL (pid {}, port {}) has died; liveness is now DOWN so that the"
                        + " registry is restarted", postmaster.pid(), postgres.getPort());
                AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            }
        });
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.set(true);
    }
}
