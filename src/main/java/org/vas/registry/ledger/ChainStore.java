package org.vas.registry.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.vas.registry.infrastructure.db.BoundIds;

/** The chain's SQL, shared by the append path, the migration that chains an old log, the API and the offline tool. */
final class ChainStore {

    private static final String EVENT_COLUMNS = "e.global_index, e.event_identifier, e.aggregate_identifier, "
            + "e.sequence_number, e.type, e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data";
    private static final int FETCH = 500;

    private ChainStore() {
    }

    /**
     * Links the given events, in position order, after the chain's last link. The caller holds the append lock,
     * so no other link can be written in between. Only the named events are chained: a row that reached the table
     * by another way stays unlinked, and verification points at it.
     */
    static int extend(Connection connection, List<String> eventIdentifiers) throws SQLException {
        BoundIds ids = BoundIds.of(eventIdentifiers);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM domain_event_entry e WHERE " + ids.matches("e.event_identifier")
                + " ORDER BY e.global_index")) {
            ids.bind(select, 1);
            return extend(connection, select);
        }
    }

    /** Links every event that has no link yet: used once, by the migration that chains a log written before. */
    static int extendAll(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM domain_event_entry e WHERE NOT EXISTS (SELECT 1 FROM event_chain c "
                + "WHERE c.global_index = e.global_index) ORDER BY e.global_index")) {
            select.setFetchSize(FETCH);
            return extend(connection, select);
        }
    }

    private static int extend(Connection connection, PreparedStatement select) throws SQLException {
        ChainLink last = last(connection);
        long previous = last == null ? 0 : last.position();
        byte[] hash = last == null ? CanonicalEncoding.GENESIS : last.hash();
        int linked = 0;
        try (ResultSet rows = select.executeQuery();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO event_chain (global_index, previous_index, hash) VALUES (?, ?, ?)")) {
            while (rows.next()) {
                StoredEvent event = event(rows);
                hash = CanonicalEncoding.link(hash, previous, event);
                insert.setLong(1, event.position());
                insert.setLong(2, previous);
                insert.setBytes(3, hash);
                insert.addBatch();
                previous = event.position();
                if (++linked % FETCH == 0) {
                    insert.executeBatch();
                }
            }
            if (linked % FETCH != 0) {
                insert.executeBatch();
            }
        }
        return linked;
    }

    /** The chain's head: its last link, or null for an empty chain. */
    static ChainLink last(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT global_index, previous_index, hash FROM event_chain ORDER BY global_index DESC LIMIT 1");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? new ChainLink(rows.getLong(1), rows.getLong(2), rows.getBytes(3)) : null;
        }
    }

    /**
     * Folds the whole log and its links in one statement, so in one snapshot, and stops reading at the first
     * break. The connection must not be in auto-commit mode, or PostgreSQL sends every row at once.
     */
    static ChainFold.Result verify(Connection connection, ChainFold.Expected expected) throws SQLException {
        ChainFold fold = new ChainFold(expected);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + ", c.global_index AS link_index, c.previous_index, c.hash FROM domain_event_entry e "
                + "FULL JOIN event_chain c ON c.global_index = e.global_index "
                + "ORDER BY coalesce(e.global_index, c.global_index)")) {
            select.setFetchSize(FETCH);
            try (ResultSet rows = select.executeQuery()) {
                while (!fold.broken() && rows.next()) {
                    rows.getLong("global_index");
                    StoredEvent event = rows.wasNull() ? null : event(rows);
                    long linkIndex = rows.getLong("link_index");
                    ChainLink link = rows.wasNull() ? null
                            : new ChainLink(linkIndex, rows.getLong("previous_index"), rows.getBytes("hash"));
                    fold.accept(event, link);
                }
            }
        }
        return fold.finish();
    }

    /** Where the chain begins: what the upgrade chained at once, and when. */
    record Origin(int format, long chainedUpTo, long chainedEvents, Instant chainedAt) {
    }

    static Origin origin(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT format, chained_up_to, chained_events, chained_at FROM event_chain_origin WHERE id = 1");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? new Origin(rows.getInt(1), rows.getLong(2), rows.getLong(3),
                    rows.getTimestamp(4).toInstant()) : null;
        }
    }

    private static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong("global_index"), rows.getString("event_identifier"),
                rows.getString("aggregate_identifier"), rows.getLong("sequence_number"), rows.getString("type"),
                rows.getString("time_stamp"), rows.getString("payload_type"), rows.getString("payload_revision"),
                rows.getBytes("payload"), rows.getBytes("meta_data"));
    }
}
