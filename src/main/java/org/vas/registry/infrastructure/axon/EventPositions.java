package org.vas.registry.infrastructure.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.db.ReadModelLeases;

/**
 * The log position of an event a projection handles. A replayed event carries it in its token; a live one has
 * just been appended in this transaction, so its row is found by its unique identifier.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;
    private final ReadModelLeases leases;

    EventPositions(JdbcTemplate jdbc, ReadModelLeases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    public long of(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElseThrow();
        }
        Long position = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, message.getIdentifier());
        return position == null ? 0 : position;
    }

    /** Records that the read model reflects the log up to this position. */
    public void reached(long position) {
        jdbc.update("UPDATE read_model_state SET position = GREATEST(position, ?) WHERE id = 1", position);
    }

    /**
     * Records that the read model changed at this position: its version (the list's entity tag) and its position
     * move together, in one statement, as this runs inside every command's append; the change is answered once
     * every instance that answers from copies has heard of it (decision 28).
     */
    public void changed(long position) {
        leases.moveVersion(jdbc, "position = GREATEST(position, ?)", position);
    }
}
