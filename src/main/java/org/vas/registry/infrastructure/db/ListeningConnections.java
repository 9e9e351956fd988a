package org.vas.registry.infrastructure.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the instance's {@code LISTEN}ing connections share: they are taken from the pool but never given back. */
public final class ListeningConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningConnections.class);

    private ListeningConnections() {
    }

    /** What a listener does with its connection until the connection breaks or the listener stops. */
    @FunctionalInterface
    public interface Session {
        void run(Connection connection) throws SQLException;
    }

    /** Starts a listener's thread; a daemon, so that a listener never keeps the JVM alive. */
    public static Thread started(String name, Runnable listen) {
        Thread listener = new Thread(listen, name);
        listener.setDaemon(true);
        listener.start();
        return listener;
    }

    /**
     * Runs {@code session} on a connection from the pool, and after it ends (a broken connection, a failed
     * statement) {@code lost}, gives the connection up, waits {@code retryMillis} and starts again, while
     * {@code running} holds and the thread is not interrupted. {@code warning} (with the failure's message as its
     * one argument) says what the instance does without its listener.
     */
    public static void listen(DataSource dataSource, BooleanSupplier running, Session session, Runnable lost,
                              long retryMillis, String warning) {
        while (running.getAsBoolean()) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                session.run(connection);
            } catch (SQLException | RuntimeException e) {
                if (running.getAsBoolean()) {
                    LOG.warn(warning, e.getMessage());
                }
            } finally {
                lost.run();
                discard(dataSource, connection);
            }
            if (!pause(retryMillis)) {
                return;
            }
        }
    }

    /**
     * The notifications were read from the driver's own connection, past the pool's proxy, so the pool cannot tell
     * that it broke: it must not get it back.
     */
    static void discard(DataSource dataSource, Connection connection) {
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
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
