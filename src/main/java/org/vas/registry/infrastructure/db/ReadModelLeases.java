package org.vas.registry.infrastructure.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.WebApplicationContext;
import org.vas.registry.infrastructure.axon.SerializedAppendEventStorageEngine;

/**
 * Lets an instance know the read model's version without asking PostgreSQL on every read (decision 28).
 *
 * <p>An instance that answers from its copies holds a lease: a row in {@code read_lease} that it renews every
 * second for five. It listens on {@code read_model_version}, which a trigger notifies with the new version whenever
 * the version moves, and acknowledges in its row each version it has heard of. A change to the read model reads
 * the holders in its own transaction, under the append lock, and is acknowledged to its client only once every
 * other holder has acknowledged it or its lease has run out ({@link #moved}). So while this instance's lease holds,
 * the version it knows includes every change acknowledged anywhere.
 *
 * <p>A lease is trusted on this instance's monotonic clock from the moment its renewal was sent, a second short of
 * what the database granted by its own clock, so a writer stops waiting for an instance only after that instance
 * has stopped trusting its lease. A renewal answered after the lease it renews stopped being trusted counts for
 * nothing: the instance joins again. Joining takes the append lock, so no change commits between the row becoming
 * visible and the version read with it. Fail closed: until this instance has joined, and whenever its listening
 * connection breaks, {@link #knownVersion()} knows nothing and reads ask the database.
 */
@Component
public class ReadModelLeases implements SmartLifecycle {

    static final String CHANNEL = "read_model_version";
    /** The part of the statement that moves the version which reads the holders, in the same transaction. */
    private static final String HOLDERS =
            "ARRAY(SELECT instance FROM read_lease WHERE expires_at > clock_timestamp()) AS lease_holders";

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelLeases.class);
    private static final long RETRY_MILLIS = 1_000;
    private static final long LONGEST_PAUSE_MILLIS = 20;

    private final DataSource dataSource;
    private final boolean enabled;
    private final long leaseNanos;
    private final long renewNanos;
    private final long marginNanos;
    private final String instance = UUID.randomUUID().toString();
    /** The highest version this instance has heard of; meaningful while {@link #trusted}. */
    private volatile long known = -1;
    private volatile boolean trusted;
    /** Until when, on {@link System#nanoTime()}, the lease may be trusted. */
    private volatile long trustedUntil;
    private volatile boolean running;
    private Thread listener;

    /** An instance that answers no reads (a command-line tool) holds no lease: writers would wait for it for nothing. */
    @Autowired
    ReadModelLeases(DataSource dataSource, ApplicationContext context,
                    @Value("${registry.read.leases:true}") boolean enabled,
                    @Value("${registry.read.lease:5s}") Duration lease) {
        this(dataSource, enabled && context instanceof WebApplicationContext, lease);
    }

    ReadModelLeases(DataSource dataSource, boolean enabled, Duration lease) {
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.leaseNanos = lease.toNanos();
        this.renewNanos = leaseNanos / 5;
        this.marginNanos = leaseNanos / 5;
    }

    /** This instance's row in {@code read_lease}. */
    String instance() {
        return instance;
    }

    /**
     * The read model's version, when this instance can prove it current without a statement; -1 when it cannot.
     * The lease is read before the version and checked after it, so it held the whole time the version was read.
     */
    public long knownVersion() {
        boolean holds = trusted;
        long until = trustedUntil;
        long version = known;
        return holds && System.nanoTime() - until < 0 ? version : -1;
    }

    /**
     * Moves the read model's version, and sets {@code alsoSet} (columns of {@code read_model_state}, with
     * {@code arguments} for its parameters), in the current transaction, which holds the append lock. The same
     * statement reads the holders; once the transaction has committed, this waits until every other holder has
     * heard of the new version or its lease has run out, and then knows it here: only then may its client be
     * answered.
     */
    public void moveVersion(JdbcTemplate jdbc, String alsoSet, Object... arguments) {
        jdbc.query("UPDATE read_model_state SET version = version + 1, " + alsoSet + " WHERE id = 1 "
                + "RETURNING version, " + HOLDERS, row -> {
                    moved(row.getLong("version"), row.getArray("lease_holders"));
                }, arguments);
    }

    private void moved(long version, Array holders) throws SQLException {
        Set<String> others = new LinkedHashSet<>(Arrays.asList((String[]) holders.getArray()));
        others.remove(instance);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            settle(version, others);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending registered = new Pending();
            TransactionSynchronizationManager.bindResource(this, registered);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    settle(registered.version, registered.others);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelLeases.this);
                }
            });
            pending = registered;
        }
        pending.version = Math.max(pending.version, version);
        pending.others.addAll(others);
    }

    /** What one transaction moved: the last version, and every holder its statements read. */
    private static final class Pending {
        long version = -1;
        final Set<String> others = new LinkedHashSet<>();
    }

    private void settle(long version, Set<String> others) {
        if (!others.isEmpty()) {
            awaitAcknowledged(version, others);
        }
        hear(version);
    }

    /**
     * Polls the holders' rows. The committed transaction's connection is still bound to this thread: a statement
     * on it begins a transaction of its own, which ends when the connection is released, and a second connection
     * per waiting command could exhaust the pool. Each holder's lease runs out within its length unless renewed,
     * and a holder that renews hears of the version within a renewal, so the wait ends; twice the lease bounds it
     * for a database too slow to say so, after which the change is answered with a warning.
     */
    private void awaitAcknowledged(long version, Set<String> others) {
        long deadline = System.nanoTime() + 2 * leaseNanos;
        long pause = 1;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM read_lease "
                + "WHERE instance = ANY(?) AND seen_version < ? AND expires_at > clock_timestamp()")) {
            statement.setArray(1, connection.createArrayOf("varchar", others.toArray(String[]::new)));
            statement.setLong(2, version);
            while (true) {
                try (ResultSet waiting = statement.executeQuery()) {
                    waiting.next();
                    if (waiting.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    LOG.warn("Instances holding read leases did not acknowledge read model version {} in {} ms",
                            version, TimeUnit.NANOSECONDS.toMillis(2 * leaseNanos));
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(pause);
                pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Committed, but other instances could not be told", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Committed, but interrupted while telling other instances");
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void hear(long version) {
        synchronized (this) {
            if (version > known) {
                known = version;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        listener = ListeningConnections.started("read-model-leases", this::listen);
    }

    @Override
    public void stop() {
        running = false;
        trusted = false;
        if (listener == null) {
            return;
        }
        listener.interrupt();
        try {
            // A renewal under way could take the lease again after it was released.
            listener.join(TimeUnit.NANOSECONDS.toMillis(renewNanos) + RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement("DELETE FROM read_lease WHERE instance = ?")) {
            release.setString(1, instance);
            release.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("Could not release the read lease; it runs out by itself", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        ListeningConnections.listen(dataSource, () -> running, connection -> {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                // An acknowledgement lost in a crash only makes writers wait for a lease to run out, so they are
                // not flushed; the lease itself is (join and renew say so for their own transactions).
                statement.execute("SET synchronous_commit TO off");
            }
            join(connection);
            follow(connection);
        }, () -> trusted = false, RETRY_MILLIS, "Read lease lost ({}); reads ask the database for the read model's "
                + "version until this joins again");
    }

    /**
     * Takes (or takes again) the lease under the append lock, and reads the version there: a change committed
     * before this is in the version, and a change committed after it finds this lease and waits for it.
     */
    private void join(Connection connection) throws SQLException {
        trusted = false;
        long sent = System.nanoTime();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)");
             PreparedStatement lease = connection.prepareStatement("""
                     INSERT INTO read_lease (instance, expires_at, seen_version)
                     VALUES (?, clock_timestamp() + ? * interval '1 microsecond', ?)
                     ON CONFLICT (instance) DO UPDATE SET expires_at = excluded.expires_at,
                         seen_version = excluded.seen_version""");
             PreparedStatement forgotten = connection.prepareStatement(
                     "DELETE FROM read_lease WHERE expires_at < clock_timestamp() - interval '1 hour'");
             PreparedStatement version = connection.prepareStatement(
                     "SELECT version FROM read_model_state WHERE id = 1")) {
            durable(connection);
            lock.setLong(1, SerializedAppendEventStorageEngine.APPEND_LOCK);
            lock.execute();
            forgotten.executeUpdate();
            long current;
            try (ResultSet row = version.executeQuery()) {
                row.next();
                current = row.getLong(1);
            }
            lease.setString(1, instance);
            lease.setLong(2, TimeUnit.NANOSECONDS.toMicros(leaseNanos));
            lease.setLong(3, current);
            lease.executeUpdate();
            connection.commit();
            hear(current);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        trustedUntil = sent + leaseNanos - marginNanos;
        trusted = true;
    }

    /** Hears versions and acknowledges them, and renews the lease; joins again when a renewal came too late. */
    private void follow(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        try (PreparedStatement acknowledge = connection.prepareStatement(
                     "UPDATE read_lease SET seen_version = GREATEST(seen_version, ?) WHERE instance = ?");
             PreparedStatement renew = connection.prepareStatement("""
                     UPDATE read_lease SET expires_at = clock_timestamp() + ? * interval '1 microsecond',
                         seen_version = GREATEST(seen_version, ?)
                     WHERE instance = ? AND expires_at > clock_timestamp()""")) {
            acknowledge.setString(2, instance);
            renew.setLong(1, TimeUnit.NANOSECONDS.toMicros(leaseNanos));
            renew.setString(3, instance);
            long renewAt = System.nanoTime() + renewNanos;
            while (running) {
                long wait = TimeUnit.NANOSECONDS.toMillis(renewAt - System.nanoTime());
                PGNotification[] heard = notifications.getNotifications((int) Math.max(1, wait));
                if (heard != null && heard.length > 0) {
                    long highest = -1;
                    for (PGNotification notification : heard) {
                        highest = Math.max(highest, Long.parseLong(notification.getParameter()));
                    }
                    hear(highest);
                    acknowledge.setLong(1, known);
                    acknowledge.executeUpdate();
                }
                if (System.nanoTime() - renewAt >= 0) {
                    long sent = System.nanoTime();
                    renew.setLong(2, known);
                    boolean renewed;
                    connection.setAutoCommit(false);
                    try {
                        durable(connection);
                        renewed = renew.executeUpdate() == 1;
                        connection.commit();
                    } finally {
                        connection.setAutoCommit(true);
                    }
                    if (renewed && trusted && System.nanoTime() - trustedUntil < 0) {
                        trustedUntil = sent + leaseNanos - marginNanos;
                    } else {
                        join(connection);
                    }
                    renewAt = sent + renewNanos;
                }
            }
        }
    }

    /** A lease a crash could take back would let writers stop waiting for an instance that still trusts it. */
    private static void durable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit TO on");
        }
    }
}
