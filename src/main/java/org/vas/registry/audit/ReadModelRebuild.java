package org.vas.registry.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.infrastructure.axon.SerializedAppendEventStorageEngine;
import org.vas.registry.infrastructure.db.ReadModelLeases;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.ModelProjection;
import org.vas.registry.model.query.ModelReads;
import org.vas.registry.model.query.ModelRows;

/**
 * A rebuild of the read model from the log.
 * <p>
 * It folds the log with the projection's fold {@value EventLog#MODELS_AT_A_TIME} models at a time, each from its own
 * events up to the log's position when the rebuild began, and writes them into the staging tables with the
 * projection's row writer, so its memory does not grow with the registry; then, holding the append lock so that no
 * command can commit meanwhile, applies the few events that arrived in the meantime and replaces the live tables'
 * rows with the staging rows in one transaction. Readers see the old read model until that commit and the new one
 * after it, never a half-built one; commands wait only for the final swap.
 */
@Component
public class ReadModelRebuild {

    public record RebuildReport(String name, int models, int eventsApplied, long position, long durationMs) {
    }

    private static final long REBUILD_LOCK = 0x5245_4255_494C_4400L;

    private final EventLog log;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ModelReads reads;
    private final ModelRows rows;
    private final ReadModelLeases leases;

    ReadModelRebuild(EventLog log, JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transactions,
                     ModelReads reads, ModelRows rows, ReadModelLeases leases) {
        this.log = log;
        this.leases = leases;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.reads = reads;
        this.rows = rows;
    }

    public RebuildReport rebuild(String name) {
        if (!ModelProjection.NAME.equals(name)) {
            throw new UnknownProjectionException(name);
        }
        long started = System.nanoTime();
        try (Connection guard = dataSource.getConnection()) {
            if (!advisoryLock(guard, "pg_try_advisory_lock")) {
                throw new RebuildInProgressException(name);
            }
            try {
                return rebuildHoldingGuard(name, started);
            } finally {
                advisoryLock(guard, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not coordinate the rebuild", e);
        }
    }

    private RebuildReport rebuildHoldingGuard(String name, long started) {
        long position = log.head();
        int[] applied = {0};
        transactions.executeWithoutResult(status -> {
            rows.clearStaging();
            log.foldModels(position, fold -> new Folded(rows.stagingRows(fold.models()), fold.folded()), folded -> {
                rows.copyToStaging(folded.rows());
                applied[0] += folded.events();
            });
        });
        long[] finalPosition = {position};
        Integer models = transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SerializedAppendEventStorageEngine.APPEND_LOCK);
            Set<String> touched = new LinkedHashSet<>();
            List<LoggedEvent> tail;
            do {
                tail = log.after(finalPosition[0], EventLog.MAX_PAGE, null, null);
                for (LoggedEvent event : tail) {
                    if (event.isModelEvent()) {
                        touched.add(event.modelId());
                    }
                    finalPosition[0] = event.position();
                    applied[0]++;
                }
            } while (!tail.isEmpty());
            if (!touched.isEmpty()) {
                // The models the last moments moved, folded whole up to the log's end, which the lock holds still.
                RegistryFold fold = RegistryFold.of(log.upTo(new AsOf(null, finalPosition[0]), touched));
                rows.clearStaging(touched);
                rows.copyToStaging(fold.models());
            }
            rows.replaceLiveWithStaging();
            leases.moveVersion(jdbc, "generation = generation + 1, position = ?", finalPosition[0]);
            return jdbc.queryForObject("SELECT count(*) FROM model", Integer.class);
        });
        reads.readModelReplaced();
        return new RebuildReport(name, models, applied[0], finalPosition[0],
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A chunk of the fold, rendered on the fold's thread, and how many events it read. */
    private record Folded(ModelRows.StagingRows rows, int events) {
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, REBUILD_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
