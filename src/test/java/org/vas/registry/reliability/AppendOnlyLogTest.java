package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** The log cannot be rewritten by the application, whatever its code does: the database refuses. */
@RegistryTest
class AppendOnlyLogTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void theApplicationConnectsAsTheRestrictedRoleNotAsTheOwner() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("registry_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
                Boolean.class)).isFalse();
    }

    @Test
    void anUpdateADeleteAndATruncateOfTheEventLogByTheApplicationRoleAreRefused() {
        String id = Api.uniqueId("append-only");
        assertThat(new Api(port).register(id).status()).isEqualTo(201);
        long events = count(id);

        assertRefused("UPDATE domain_event_entry SET payload_type = 'forged' WHERE aggregate_identifier = '"
                + id + "'");
        assertRefused("DELETE FROM domain_event_entry WHERE aggregate_identifier = '" + id + "'");
        assertRefused("TRUNCATE domain_event_entry");
        assertRefused("DELETE FROM flyway_schema_history");

        assertThat(count(id)).isEqualTo(events).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, id)).endsWith("ModelRegistered");
    }

    @Test
    void theApplicationRoleMayStillRewriteTheDerivedTables() {
        jdbc.update("UPDATE read_model_state SET version = version WHERE id = 1");
        jdbc.execute("TRUNCATE model_version_staging, model_staging");
        jdbc.update("DELETE FROM token_entry WHERE processor_name = 'no-such-processor'");
    }

    private long count(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> jdbc.execute(sql))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause())
                        .isInstanceOf(SQLException.class)
                        .extracting(c -> ((SQLException) c).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
