package org.vas.registry.access.query;

import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.vas.registry.infrastructure.db.ListeningConnections;

/**
 * Tells every instance that an API key changed, so that a key remembered from an earlier request is looked up
 * again. A revocation notifies PostgreSQL's {@code api_key_changed} channel in its own transaction; PostgreSQL
 * delivers it at commit to every instance listening on the database, and the revoking instance also forgets
 * its keys right after the commit, before it answers. Each change moves a generation; a key remembered at an
 * older generation is not trusted.
 *
 * <p>Fail closed: until this instance is listening, and whenever its listening connection breaks, nothing is
 * remembered and every request asks the database.
 */
@Component
class ApiKeyChanges implements SmartLifecycle {

    static final String CHANNEL = "api_key_changed";
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;

    private final DataSource dataSource;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    ApiKeyChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current generation, or -1 while nothing may be remembered. */
    long generation() {
        return listening ? generation.get() : -1;
    }

    /** Whether something remembered at {@code generation} may still be trusted. */
    boolean current(long remembered) {
        return listening && remembered == generation.get();
    }

    /**
     * Called inside the transaction that changes a key: every instance (this one included) hears of it when it
     * commits, and this one forgets its keys as soon as it has committed.
     */
    void announce(JdbcTemplate jdbc) {
        jdbc.queryForList("SELECT pg_notify(?, '')", CHANNEL);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        } else {
            generation.incrementAndGet();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = ListeningConnections.started("api-key-changes", this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        ListeningConnections.listen(dataSource, () -> running, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            // Anything that changed while nobody listened is covered by starting a new generation.
            generation.incrementAndGet();
            listening = true;
            while (running) {
                if (notifications.getNotifications(POLL_MILLIS).length > 0) {
                    generation.incrementAndGet();
                }
            }
        }, () -> {
            listening = false;
            generation.incrementAndGet();
        }, RETRY_MILLIS, "Not listening for API key changes ({}); every request asks the database until this "
                + "reconnects");
    }
}
