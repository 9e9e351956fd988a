package org.vas.registry.infrastructure.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;

/**
 * A data directory made by an earlier version (zonky's {@code initdb -A trust}: every local connection trusted, a
 * superuser without a password, the application's role with its old fixed password, no secrets file) is upgraded
 * on the first start and keeps its models.
 */
class EarlierDataDirectoryTest {

    /** What zonky's {@code initdb -A trust} writes, as every earlier version of the registry ran with. */
    private static final String TRUST_EVERYONE = """
            local   all             all                                     trust
            host    all             all             127.0.0.1/32            trust
            host    all             all             ::1/128                 trust
            local   replication     all                                     trust
            host    replication     all             127.0.0.1/32            trust
            host    replication     all             ::1/128                 trust
            """;

    @Test
    void aTrustingDataDirectoryOfAnEarlierVersionGetsPasswordsOnStartAndKeepsItsModels() throws Exception {
        Path data = AppProcess.freshDirectory("earlier");
        int port = freePort();
        Map<String, String> environment = Map.of("REGISTRY_DATA_DIR", data.toString(),
                "REGISTRY_EMBEDDED_POSTGRES_PORT", String.valueOf(port));
        String model = Api.uniqueId("earlier");
        try (AppProcess first = AppProcess.start("earlier-first", environment).awaitReady(Duration.ofMinutes(2))) {
            assertThat(first.api().register(model).status()).isEqualTo(201);
        }
        turnIntoAnEarlierVersionsDirectory(data);

        try (AppProcess upgraded = AppProcess.start("earlier-upgraded", environment)
                .awaitReady(Duration.ofMinutes(2))) {
            assertThat(upgraded.api().get("/api/v1/ai-models/" + model, "X-API-Key", AppProcess.ADMIN_KEY)
                    .status()).isEqualTo(200);
            assertThat(upgraded.api().register(model + "-after").status()).isEqualTo(201);

            EmbeddedSecrets secrets = EmbeddedSecrets.read(data, "registry_app").orElseThrow();
            assertThat(Files.getPosixFilePermissions(secrets.file()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            for (String role : new String[] {"postgres", "registry_app"}) {
                assertThatThrownBy(() -> connect(port, role, null)).as(role).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> connect(port, role, "registry_app")).as(role)
                        .isInstanceOf(SQLException.class);
            }
            assertThat(connect(port, "registry_app", secrets.appPassword())).isTrue();
            try (Connection owner = DriverManager.getConnection(url(port), "postgres", secrets.superuserPassword())) {
                assertThat(new JdbcTemplate(new SingleConnectionDataSource(owner, true)).queryForList(
                        "SELECT DISTINCT auth_method FROM pg_hba_file_rules", String.class))
                        .containsExactly("scram-sha-256");
            }
        }
    }

    /** The state an earlier version leaves: trust everywhere, no superuser password, the old fixed one. */
    private static void turnIntoAnEarlierVersionsDirectory(Path data) throws IOException, SQLException {
        Files.delete(EmbeddedSecrets.fileFor(data));
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), TRUST_EVERYONE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
             Connection owner = earlier.getPostgresDatabase().getConnection();
             Statement statement = owner.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD NULL");
            statement.execute("ALTER ROLE registry_app PASSWORD 'registry_app'");
        }
    }

    private static boolean connect(int port, String role, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(port), role, password)) {
            return connection.isValid(5);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
