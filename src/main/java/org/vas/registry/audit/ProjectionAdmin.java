package org.vas.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.vas.registry.model.query.ModelProjection;
import org.vas.registry.model.query.ModelQueries;
import org.vas.registry.model.query.ModelRows;

/**
 * What the projections have applied, and a rebuild of the read model from the log.
 * <p>
 * A rebuild folds the log into memory with the projection's fold, writes the result into the staging tables with
 * the projection's row writer, then, holding the append lock
 * so that no command can commit meanwhile, applies the few events that arrived in the meantime and replaces the
 * live tables' rows with the staging rows in one transaction. Readers see the old read model until that commit
 * and the new one after it, never a half-built one; commands wait only for the final swap.
 */
@Component
public class ProjectionAdmin {

    /** One projection's progress through the log. */
    public record Status(String name, @Schema(allowableValues = {"subscribing", "tracking"}) String mode,
                         long position, long head, long lag) {
    }

    public record RebuildReport(String name, int models, int eventsApplied, long position, long durationMs) {
    }

    private static final long REBUILD_LOCK = 0x5245_4255_494C_4400L;

    private final EventLog log;
    private final LogPosition positions;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final ModelQueries queries;
    private final ModelRows rows;

    ProjectionAdmin(EventLog log, LogPosition positions, JdbcTemplate jdbc, DataSource dataSource,
                    TransactionTemplate transactions, ObjectMapper json, ModelQueries queries, ModelRows rows) {
        this.log = log;
        this.positions = positions;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
        this.queries = queries;
        this.rows = rows;
    }

    public List<Status> status() {
        LogPosition.Snapshot now = positions.read();
        long activity = trackedPosition(AuditActivityProjection.NAME);
        return List.of(new Status(ModelProjection.NAME, "subscribing", now.projected(), now.head(), now.lag()),
                new Status(AuditActivityProjection.NAME, "tracking", activity, now.head(),
                        Math.max(0, now.head() - activity)));
    }

    /**
     * The position every segment of a tracking processor has passed, read from the shared token table since
     * another instance may own some segments.
     */
    private long trackedPosition(String processor) {
        List<byte[]> tokens = jdbc.queryForList("SELECT token FROM token_entry WHERE processor_name = ?",
                byte[].class, processor);
        long position = Long.MAX_VALUE;
        for (byte[] token : tokens) {
            position = Math.min(position, token == null ? 0 : tokenIndex(token));
        }
        return tokens.isEmpty() ? 0 : position;
    }

    private long tokenIndex(byte[] token) {
        try {
            JsonNode index = json.readTree(token).get("index");
            return index == null ? 0 : index.asLong();
        } catch (java.io.IOException e) {
            return 0;
        }
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
        List<LoggedEvent> events = log.all();
        RegistryFold fold = RegistryFold.of(events);
        long position = events.isEmpty() ? 0 : events.get(events.size() - 1).position();
        transactions.executeWithoutResult(status -> {
            rows.clearStaging();
            rows.copyToStaging(fold.models());
        });
        int[] applied = {events.size()};
        long[] finalPosition = {position};
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SerializedAppendEventStorageEngine.APPEND_LOCK);
            Set<String> touched = new LinkedHashSet<>();
            List<LoggedEvent> tail;
            do {
                tail = log.after(finalPosition[0], EventLog.MAX_PAGE, null, null);
                for (LoggedEvent event : tail) {
                    fold.apply(event);
                    if (event.isModelEvent()) {
                        touched.add(event.modelId());
                    }
                    finalPosition[0] = event.position();
                    applied[0]++;
                }
            } while (!tail.isEmpty());
            if (!touched.isEmpty()) {
                rows.clearStaging(touched);
                rows.copyToStaging(touched.stream().map(fold::model).toList());
            }
            rows.replaceLiveWithStaging();
            jdbc.update("UPDATE read_model_state SET version = version + 1, position = ? WHERE id = 1",
                    finalPosition[0]);
        });
        queries.readModelReplaced();
        return new RebuildReport(name, fold.modelIds().size(), applied[0], finalPosition[0],
                (System.nanoTime() - started) / 1_000_000);
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
