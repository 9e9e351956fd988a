package org.vas.registry.infrastructure.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class EmbeddedPostgresTest {

    private static final String INVALID_PASSWORD = "28P01";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    EmbeddedSecrets secrets;

    @Test
    void theEmbeddedDatabaseIsPostgresSeventeenWithDurableCommits() {
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17.");
        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
    }

    @Test
    void flywayOwnsEveryTable() {
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "'public' ORDER BY table_name", String.class))
                .containsExactly("api_key", "api_key_hash_secret", "audit_activity", "domain_event_entry",
                        "event_chain", "event_chain_origin", "flyway_schema_history", "model", "model_snapshot", "model_staging",
                        "model_version", "model_version_staging", "read_lease", "read_model_state", "snapshot_event_entry",
                        "time_travel_checkpoint", "token_entry");
    }

    @Test
    void theSuperuserAndTheApplicationRoleAreRefusedWithoutTheirPasswordOrWithAWrongOne() {
        for (String role : List.of("postgres", "registry_app")) {
            assertThatThrownBy(() -> connect(role, null)).as(role).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(role, "")).as(role).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(role, "registry_app")).as(role)
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
            assertThatThrownBy(() -> connect(role, "postgres")).as(role)
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
        }
    }

    @Test
    void theSuperuserAndTheApplicationRoleAreAdmittedWithTheGeneratedPasswords() throws SQLException {
        try (Connection owner = connect("postgres", secrets.superuserPassword());
             Connection app = connect("registry_app", secrets.appPassword())) {
            assertThat(owner.isValid(5)).isTrue();
            assertThat(app.isValid(5)).isTrue();
        }
        assertThat(secrets.superuserPassword()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(secrets.appPassword());
    }

    @Test
    void everyRuleOfTheClusterAsksForAPasswordAndItListensOnLoopbackOnly() throws SQLException {
        try (Connection owner = connect("postgres", secrets.superuserPassword())) {
            JdbcTemplate asOwner = new JdbcTemplate(new SingleConnectionDataSource(owner, true));
            assertThat(asOwner.queryForList("SELECT DISTINCT auth_method FROM pg_hba_file_rules", String.class))
                    .containsExactly("scram-sha-256");
            assertThat(asOwner.queryForObject("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL",
                    Long.class)).isZero();
            assertThat(asOwner.queryForObject("SHOW listen_addresses", String.class)).isEqualTo("127.0.0.1,::1");
            assertThat(asOwner.queryForList("SELECT rolname FROM pg_authid WHERE rolcanlogin AND (rolpassword IS NULL"
                    + " OR rolpassword NOT LIKE 'SCRAM-SHA-256$%')", String.class)).isEmpty();
        }
    }

    @Test
    void theSecretsFileIsReadableByItsOwnerOnlyAndLivesOutsideTheClustersDirectory() throws IOException {
        assertThat(Files.getPosixFilePermissions(secrets.file()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String dataDir = jdbcOwnerDataDirectory();
        assertThat(secrets.file().getParent()).isEqualTo(java.nio.file.Path.of(dataDir).getParent());
        assertThat(Files.readString(secrets.file()))
                .contains("*:*:*:postgres:" + secrets.superuserPassword())
                .contains("*:*:*:registry_app:" + secrets.appPassword());
        try (var files = Files.list(secrets.file().getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".initdb"));
        }
    }

    private String jdbcOwnerDataDirectory() {
        try (Connection owner = connect("postgres", secrets.superuserPassword())) {
            return new JdbcTemplate(new SingleConnectionDataSource(owner, true))
                    .queryForObject("SHOW data_directory", String.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(String role, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", role,
                password);
    }
}
