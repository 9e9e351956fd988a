package org.vas.registry.infrastructure.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as a daemon of its own. When the registry's JVM is killed (kill -9, OOM killer,
 * power to a container cut) nothing stops it, and it keeps the data directory locked: the next start would fail on
 * {@code postmaster.pid}. Such an orphan has no clients left, so it is asked to shut down (SIGTERM, PostgreSQL's
 * smart shutdown, which completes a checkpoint) and waited for before the registry starts its own.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    /** Stops the postmaster recorded in the data directory if it still runs; returns whether one was running. */
    static boolean stopIfRunning(Path dataDir, Duration patience) throws IOException {
        Optional<ProcessHandle> postmaster = running(dataDir);
        if (postmaster.isEmpty()) {
            return false;
        }
        ProcessHandle process = postmaster.get();
        log.warn("A PostgreSQL (pid {}) left by a previous run still holds {}; stopping it", process.pid(), dataDir);
        process.destroy();
        if (!awaitExit(process, patience)) {
            log.warn("PostgreSQL (pid {}) did not stop in {}; killing it, WAL recovery will follow", process.pid(),
                    patience);
            process.destroyForcibly();
            if (!awaitExit(process, patience)) {
                throw new IOException("Could not stop the PostgreSQL (pid " + process.pid() + ") holding " + dataDir);
            }
        }
        return true;
    }

    private static Optional<ProcessHandle> running(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        // A recycled pid may now belong to anything: only a postgres process is ever stopped.
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
