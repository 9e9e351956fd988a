package org.vas.registry.infrastructure.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What a failure says about the database: gone (an outage, 503), refusing a value (400), or answering. */
@Component
class DatabaseFailures {

    private static final int PROBE_SECONDS = 2;
    private static final Set<String> UNAVAILABLE_STATES = Set.of("08", "53", "57", "58");

    private final DataSource dataSource;

    DatabaseFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** SQLSTATE class 22, a data exception: PostgreSQL refused a value the request carried. */
    static boolean refusedData(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is a connection exception, 53 insufficient resources (too many connections, disk full), 57
     * an operator's intervention (shutdowns, a server still starting, a cancelled statement), 58 a system error. A
     * transaction that could not be begun, committed or rolled back means the same: the pool's connection is gone.
     */
    static boolean lostDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && UNAVAILABLE_STATES.contains(sql.getSQLState().substring(0, Math.min(2,
                    sql.getSQLState().length())))) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** Whether a connection from the pool answers now; asked only on the way to a 500. */
    boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
