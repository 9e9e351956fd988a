package org.vas.registry.infrastructure.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Told of every append right after its rows are inserted, on the appending transaction's connection and while the
 * append lock is held: what it writes commits or rolls back with the events, and no other append can interleave.
 */
public interface AppendObserver {

    void appended(Connection connection, List<String> eventIdentifiers) throws SQLException;
}
