package org.vas.registry.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster's {@code pg_hba.conf}: every role logs in with a password (scram-sha-256), over the Unix
 * socket and over loopback alike, so that another process on the host cannot connect as the superuser and rewrite
 * the append-only log. The file is written before every start, so a hand edit cannot quietly open it again.
 *
 * <p>Clusters made by earlier versions trust every local connection and their superuser has no password. Setting
 * one needs a connection, so such a cluster starts once with trust left for the superuser on the postgres database
 * over loopback only, gets its passwords, and has the trust line removed before the registry uses it.
 */
final class ClientAuthentication {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthentication.class);

    private static final String HEADER = """
            # Written by the registry before every start of its embedded PostgreSQL; edits are replaced.
            # Every role logs in with a password; the passwords are in the .pgpass file beside this data directory.
            """;
    private static final String PASSWORDS = """
            local   all        all                     scram-sha-256
            host    all        all        127.0.0.1/32 scram-sha-256
            host    all        all        ::1/128      scram-sha-256
            """;
    private static final String UPGRADE = """
            # Only while a cluster made by an earlier version gets its passwords; removed before it is used.
            host    postgres   postgres   127.0.0.1/32 trust
            host    postgres   postgres   ::1/128      trust
            """;
    private static final Pattern TRUST = Pattern.compile("(?m)^\\s*(local|host\\w*)\\s.*\\btrust\\s*$");
    private static final String INVALID_PASSWORD = "28P01";

    private ClientAuthentication() {
    }

    /** Whether the cluster lets some connection in without a password: it was made by an earlier version. */
    static boolean trustsAnyone(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return Files.isRegularFile(hba) && TRUST.matcher(Files.readString(hba)).find();
    }

    static void requirePasswords(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), HEADER + PASSWORDS);
    }

    static void allowUpgrade(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), HEADER + UPGRADE + PASSWORDS);
    }

    /**
     * Gives the superuser and the application's role (if an earlier start created it) their passwords, then
     * removes the trust lines and waits until the server has reloaded them: until a connection with a wrong password
     * is refused.
     */
    static void upgrade(EmbeddedPostgres postgres, Path dataDir, EmbeddedSecrets secrets)
            throws IOException, SQLException {
        try (Connection owner = postgres.getPostgresDatabase().getConnection()) {
            setPassword(owner, EmbeddedSecrets.SUPERUSER, secrets.superuserPassword());
            try (PreparedStatement exists = owner.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                exists.setString(1, secrets.appRole());
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        setPassword(owner, secrets.appRole(), secrets.appPassword());
                    }
                }
            }
            requirePasswords(dataDir);
            try (Statement reload = owner.createStatement()) {
                reload.execute("SELECT pg_reload_conf()");
            }
        }
        awaitPasswordRequired(postgres.getPort(), Duration.ofSeconds(10));
        log.info("The embedded PostgreSQL now requires passwords; they are in {}", secrets.file());
    }

    private static void setPassword(Connection owner, String role, String password) throws SQLException {
        String alter;
        try (PreparedStatement format = owner.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
            format.setString(1, role);
            format.setString(2, password);
            try (ResultSet row = format.executeQuery()) {
                row.next();
                alter = row.getString(1);
            }
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute(alter);
        }
    }

    private static void awaitPasswordRequired(int port, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        while (System.nanoTime() < deadline) {
            // A wrong password, not none: the driver itself refuses to connect without one when asked for SCRAM.
            try (Connection ignored = DriverManager.getConnection(url, EmbeddedSecrets.SUPERUSER, "not-the-password")) {
                pause();
            } catch (SQLException e) {
                if (INVALID_PASSWORD.equals(e.getSQLState())) {
                    return;
                }
                throw new IOException("Could not check that the embedded PostgreSQL requires passwords", e);
            }
        }
        throw new IOException("The embedded PostgreSQL still accepts its superuser with a wrong password after "
                + patience);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the embedded PostgreSQL reloaded its pg_hba.conf", e);
        }
    }
}
