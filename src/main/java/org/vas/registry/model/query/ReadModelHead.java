package org.vas.registry.model.query;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.db.ReadModelLeases;

/**
 * The read model's version as it stands now, for a copy of the read model to prove that it is current: a copy
 * read at version {@code v} equals the read model while its version is {@code v}, since every change to the
 * read model moves the version in the same transaction.
 *
 * <p>"Now" includes every write acknowledged before the request arrived, whichever instance made it. While this
 * instance holds a read lease, no write is acknowledged before this instance has heard of it, so the version it
 * knows is now, without a statement (decision 28). Otherwise it is what a statement that began after the caller
 * asked sees. Callers that ask while a statement is running wait for the next one and share it: under concurrent
 * reads one statement answers many requests (a read barrier, decision 25).
 */
@Component
public class ReadModelHead {

    /** One statement and the callers it answers: those that asked before it began. */
    private final class Round {
        /** Signalled when the statement has answered, or when this round may begin (to one caller only). */
        final Condition changed = lock.newCondition();
        boolean done;
        long version;
        RuntimeException failure;
    }

    /** The statement reads one row by its key, the hot reads a few: seconds mean the database cannot answer. */
    static final int TIMEOUT_SECONDS = 3;

    private final JdbcTemplate jdbc;
    private final ReadModelLeases leases;
    private final ReentrantLock lock = new ReentrantLock();
    /** The round that callers join; it begins once no statement is running. */
    private Round gathering;
    private boolean running;

    /**
     * The hot reads' statements, bounded as the version's is: with a lease a read asks no version first, so a
     * database that cannot answer must fail the read itself (503) rather than hold it.
     */
    static NamedParameterJdbcTemplate bounded(NamedParameterJdbcTemplate jdbc) {
        JdbcTemplate template = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        template.setQueryTimeout(TIMEOUT_SECONDS);
        return new NamedParameterJdbcTemplate(template);
    }

    ReadModelHead(DataSource dataSource, ReadModelLeases leases) {
        this.leases = leases;
        // Every read on the instance waits for this statement: one that cannot finish must fail them (503), not
        // hold them all for as long as it hangs.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(TIMEOUT_SECONDS);
    }

    /**
     * The read model's version as seen by a statement that began after this call; a database failure is thrown,
     * so that nothing is answered from a copy that could not be proven current.
     */
    public long version() {
        long known = leases.knownVersion();
        if (known >= 0) {
            return known;
        }
        Round round;
        boolean lead = false;
        lock.lock();
        try {
            if (gathering == null) {
                gathering = new Round();
            }
            round = gathering;
            while (!round.done && !lead) {
                if (!running && gathering == round) {
                    // Closing the round before its statement begins: whoever asks from now on waits for the next.
                    gathering = null;
                    running = true;
                    lead = true;
                } else {
                    round.changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (lead) {
            long version = 0;
            // Whatever ends the statement, its round ends too: a caller left waiting would wait for ever.
            RuntimeException failure = new DataAccessResourceFailureException("The read model's version was not read");
            try {
                // A parameter makes it a prepared statement, which PostgreSQL stops parsing and planning each time.
                version = jdbc.queryForObject("SELECT version FROM read_model_state WHERE id = ?", Long.class, 1);
                failure = null;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                finish(round, version, failure);
            }
        }
        if (round.failure != null) {
            throw round.failure;
        }
        return round.version;
    }

    private void finish(Round round, long version, RuntimeException failure) {
        lock.lock();
        try {
            round.version = version;
            round.failure = failure;
            round.done = true;
            running = false;
            round.changed.signalAll();
            // Waking one caller of the next round is enough: it begins the round, the rest wait for its answer.
            if (gathering != null) {
                gathering.changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }
}
