package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.SharedPostgres;

/** The migrations of the api_key table on a database that holds what earlier registries may have left in it. */
class ApiKeyMigrationTest {

    @Test
    void unrevokedKeysThatAlreadyShareANameSurviveTheMigrationAndTheNameStaysTaken() throws Exception {
        try (SharedPostgres postgres = new SharedPostgres("key-migration")) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.ownerDataSource());
            migrate(postgres, "30");
            key(jdbc, "apikey:1", "ops", "2026-01-01T00:00:00Z", false);
            key(jdbc, "apikey:2", "ops", "2026-01-02T00:00:00Z", false);
            key(jdbc, "apikey:3", "ops", "2026-01-03T00:00:00Z", false);
            key(jdbc, "apikey:4", "ci", "2026-01-01T00:00:00Z", true);
            key(jdbc, "apikey:5", "ci", "2026-01-02T00:00:00Z", false);

            migrate(postgres, "latest");

            assertThat(jdbc.queryForList("SELECT key_id FROM api_key WHERE name_shared ORDER BY key_id",
                    String.class)).isEqualTo(List.of("apikey:2", "apikey:3"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE revoked_at IS NULL", Integer.class))
                    .isEqualTo(4);
            assertThatThrownBy(() -> key(jdbc, "apikey:6", "ops", "2026-02-01T00:00:00Z", false))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThatThrownBy(() -> key(jdbc, "apikey:7", "ci", "2026-02-01T00:00:00Z", false))
                    .isInstanceOf(DuplicateKeyException.class);
            key(jdbc, "apikey:8", "dev", "2026-02-01T00:00:00Z", false);
        }
    }

    private static void migrate(SharedPostgres postgres, String target) {
        Flyway.configure().dataSource(postgres.ownerDataSource()).locations("classpath:db/migration")
                .placeholders(java.util.Map.of("app_role", "registry_app", "app_password", "registry_app"))
                .target(target).load().migrate();
    }

    private static void key(JdbcTemplate jdbc, String id, String name, String createdAt, boolean revoked) {
        jdbc.update("""
                INSERT INTO api_key (key_id, name, key_hash, hash_scheme, roles, created_at, revoked_at)
                VALUES (?, ?, md5(?) || md5(?), 'sha256', '{reader}', ?::timestamptz,
                        CASE WHEN ? THEN now() END)""", id, name, id, name, createdAt, revoked);
    }
}
