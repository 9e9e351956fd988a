package org.vas.registry.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The registry as a separate operating-system process, started from the test's own classpath, so that a test can
 * SIGKILL it the way a crash, the OOM killer or a node failure would. Its output goes to a log file under
 * {@code target/}.
 */
public final class AppProcess implements AutoCloseable {

    /** What the registry's bootstrap admin key is in every process tests start; sent as X-API-Key. */
    public static final String ADMIN_KEY = Api.ADMIN_KEY;

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the registry with these extra environment variables; PORT is chosen here. */
    public static AppProcess start(String name, Map<String, String> environment) throws IOException {
        int port = freePort();
        Path log = Path.of("target", "app-processes", name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"), "org.vas.registry.RegistryApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.put("PORT", String.valueOf(port));
        env.put("REGISTRY_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("LOGGING_LEVEL_ORG_AXONFRAMEWORK", "WARN");
        builder.environment().putAll(env);
        return new AppProcess(builder.start(), port, log);
    }

    /** Waits until the readiness probe answers 200; fails with the process's log if it does not. */
    public AppProcess awaitReady(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Api api = api();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api.get("/actuator/health/readiness", "X-API-Key", ADMIN_KEY).status() == 200) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // Connection refused until Tomcat listens.
            }
            sleep(100);
        }
        throw new IllegalStateException("The registry was not ready within " + patience + "; see " + log);
    }

    public Api api() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; answers its exit code, or fails if it is still running. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The registry was still running after " + patience + "; see " + log);
        }
        return process.exitValue();
    }

    /** What the process has logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed that was not already committed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Spring's graceful shutdown, which also stops an embedded PostgreSQL. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A data directory no other run uses. */
    public static Path freshDirectory(String name) {
        return Path.of("target", "test-postgres", name + "-" + java.util.UUID.randomUUID()).toAbsolutePath();
    }
}
