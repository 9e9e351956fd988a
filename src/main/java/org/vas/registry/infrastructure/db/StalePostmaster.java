package org.vas.registry.infrastructure.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * smart shutdown, which completes a checkpoint) and waited for before the registry starts its own. A postmaster
 * that still has clients is not an orphan: it serves a registry that is running (a second
 * {@code ./mvnw spring-boot:run} on the same data directory), and this start is refused instead.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private static final int CLIENT_LOOKS = 10;
    private static final Duration CLIENT_PAUSE = Duration.ofMillis(300);

    private StalePostmaster() {
    }

    /** Stops the postmaster recorded in the data directory if it still runs; returns whether one was running. */
    static boolean stopIfRunning(Path dataDir, String superuserPassword, Duration patience) throws IOException {
        Optional<ProcessHandle> postmaster = running(dataDir);
        if (postmaster.isEmpty()) {
            return false;
        }
        ProcessHandle process = postmaster.get();
        long clients = clients(dataDir, superuserPassword);
        // A killed registry's connections end with its sockets, but their backends may take a moment to notice.
        for (int look = 1; look < CLIENT_LOOKS && clients > 0; look++) {
            pause(CLIENT_PAUSE);
            clients = clients(dataDir, superuserPassword);
        }
        if (clients > 0) {
            throw new DataDirectoryInUseException("The PostgreSQL (pid " + process.pid() + ") in " + dataDir
                    + " is serving " + clients + " connection(s): another registry is running on this data directory.");
        }
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

    /** The postmaster recorded in the data directory, if it is alive. */
    static Optional<ProcessHandle> running(Path dataDir) throws IOException {
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

    /**
     * How many client connections the postmaster recorded in the data directory serves; 0 when it cannot be
     * asked (an orphan that no longer accepts connections is still an orphan). It is asked as the superuser, with
     * the password this data directory's cluster was given.
     */
    private static long clients(Path dataDir, String superuserPassword) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).trim().matches("\\d+")) {
            return 0;
        }
        String url = "jdbc:postgresql://localhost:" + lines.get(3).trim() + "/postgres?connectTimeout=5";
        try (Connection connection = DriverManager.getConnection(url, EmbeddedSecrets.SUPERUSER, superuserPassword);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while looking at the PostgreSQL in the data directory", e);
        }
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
