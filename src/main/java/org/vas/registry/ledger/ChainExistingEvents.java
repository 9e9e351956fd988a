package org.vas.registry.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.axon.SerializedAppendEventStorageEngine;

/**
 * Migration 41: links every event already in the log, in position order, and records where the chain begins. On
 * a new database the log is empty and the origin says so. Written in Java so that an old log is chained by the
 * same encoding as every later append. It takes the append lock, so an instance of the previous version still
 * appending on the same database waits or is waited for.
 */
@Component
class ChainExistingEvents implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("41");
    }

    @Override
    public String getDescription() {
        return "chain existing events";
    }

    /** Flyway keeps no checksum of a Java migration by itself; this one changes only with the encoding. */
    @Override
    public Integer getChecksum() {
        return CanonicalEncoding.FORMAT;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, SerializedAppendEventStorageEngine.APPEND_LOCK);
            lock.execute();
        }
        int chained = ChainStore.extendAll(connection);
        ChainLink last = ChainStore.last(connection);
        try (PreparedStatement origin = connection.prepareStatement("INSERT INTO event_chain_origin "
                + "(id, format, chained_up_to, chained_events, chained_at) VALUES (1, ?, ?, ?, now())")) {
            origin.setInt(1, CanonicalEncoding.FORMAT);
            origin.setLong(2, last == null ? 0 : last.position());
            origin.setLong(3, chained);
            origin.executeUpdate();
        }
    }
}
