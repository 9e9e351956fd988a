package org.vas.registry.infrastructure.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class EmbeddedPostgresTest {

    @Autowired
    JdbcTemplate jdbc;

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
                        "flyway_schema_history", "model",
                        "model_staging",
                        "model_version", "model_version_staging", "read_model_state", "snapshot_event_entry",
                        "token_entry");
    }
}
