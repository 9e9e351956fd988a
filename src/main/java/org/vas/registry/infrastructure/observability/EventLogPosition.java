package org.vas.registry.infrastructure.observability;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the read model is behind the event log. Every event the projection handles moves
 * {@code read_model_state.version} by exactly one, so the events stored minus that version is the number of
 * events the read model does not reflect. The projection runs in the appending transaction, so this is zero by
 * construction; a positive lag means the read model was damaged or is being rebuilt. The head position
 * ({@code max(global_index)}) is reported alongside: it has gaps, so it is no count of events.
 */
@Component
class EventLogPosition {

    record Snapshot(long head, long stored, long projected) {

        long lag() {
            return Math.max(0, stored - projected);
        }
    }

    private final JdbcTemplate jdbc;

    EventLogPosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, so that the three figures are read from one snapshot. */
    Snapshot read() {
        return jdbc.queryForObject("""
                SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry) AS head,
                       (SELECT count(*) FROM domain_event_entry) AS stored,
                       (SELECT version FROM read_model_state WHERE id = 1) AS projected""",
                (rs, row) -> new Snapshot(rs.getLong("head"), rs.getLong("stored"), rs.getLong("projected")));
    }
}
