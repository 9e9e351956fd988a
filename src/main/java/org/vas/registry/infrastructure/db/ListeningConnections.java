package org.vas.registry.infrastructure.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the instance's {@code LISTEN}ing connections share: they are taken from the pool but never given back. */
public final class ListeningConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningConnections.class);

    private ListeningConnections() {
    }

    /**
     * The notifications were read from the driver's own connection, past the pool's proxy, so the pool cannot tell
     * that it broke: it must not get it back.
     */
    public static void discard(DataSource dataSource, Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Could not close a listening connection", e);
        }
    }

    /** Waits before listening again; false when interrupted, which means the listener is to stop. */
    public static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
