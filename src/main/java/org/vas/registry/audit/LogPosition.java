package org.vas.registry.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the read model is behind the event log: the log's head position against the position the read model
 * reflects (every event at or below it is applied). The projection runs in the appending transaction and appends
 * are serialized, so the lag is zero by construction; a positive lag means the read model was damaged or a rebuild
 * is swapping it in.
 */
@Component
class LogPosition {

    public record Snapshot(long head, long stored, long projected) {

        public long lag() {
            return Math.max(0, head - projected);
        }
    }

    private final JdbcTemplate jdbc;

    LogPosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, so that the figures come from one snapshot and a concurrent commit cannot fake a lag. */
    public Snapshot read() {
        return jdbc.queryForObject("""
                SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry) AS head,
                       (SELECT count(*) FROM domain_event_entry) AS stored,
                       (SELECT position FROM read_model_state WHERE id = 1) AS projected""",
                (rs, row) -> new Snapshot(rs.getLong("head"), rs.getLong("stored"), rs.getLong("projected")));
    }
}
