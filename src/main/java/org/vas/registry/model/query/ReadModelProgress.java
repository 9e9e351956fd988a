package org.vas.registry.model.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** How far the read model has come: the log position it reflects and the version a list's entity tag names. */
@Component
public class ReadModelProgress {

    private final JdbcTemplate jdbc;

    ReadModelProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The read model's version: it moves with every projected event, so it identifies what a list shows. */
    public long stateVersion() {
        return jdbc.queryForObject("SELECT version FROM read_model_state WHERE id = 1", Long.class);
    }

    /** The log position the read model reflects: every event at or below it is in the read model. */
    public long position() {
        return jdbc.queryForObject("SELECT position FROM read_model_state WHERE id = 1", Long.class);
    }
}
