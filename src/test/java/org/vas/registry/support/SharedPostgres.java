package org.vas.registry.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One PostgreSQL, run by the test itself, that outlives the registry processes pointed at it: several instances
 * share it, and a test can stop and start it under them (same data directory, same port), as an outage would.
 * Durable commits, as in production.
 */
public final class SharedPostgres implements AutoCloseable {

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres postgres;

    public SharedPostgres(String name) throws IOException {
        this.dataDir = AppProcess.freshDirectory(name);
        Files.createDirectories(dataDir);
        start();
    }

    public void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        port = postgres.getPort();
    }

    /** A fast shutdown: every connection is cut, as when the database server goes away. */
    public void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** The environment that points a registry process at this database, as the operator's guide says to. */
    public Map<String, String> environment() {
        return Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + port + "/postgres",
                "SPRING_DATASOURCE_USERNAME", "registry_app",
                "SPRING_DATASOURCE_PASSWORD", "registry_app",
                "SPRING_FLYWAY_USER", "postgres",
                "SPRING_FLYWAY_PASSWORD", "postgres",
                "REGISTRY_SIGNING_KEY_FILE", dataDir + ".signing-key");
    }

    /** The owner's connection, for a test's own checks. */
    public javax.sql.DataSource ownerDataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            stop();
        }
    }
}
