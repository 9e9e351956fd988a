package org.vas.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.infrastructure.axon.SerializedAppendEventStorageEngine;
import org.vas.registry.model.query.ModelProjection;
import org.vas.registry.model.query.ModelQueries;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.VersionView;

/**
 * What the projections have applied, and a rebuild of the read model from the log.
 * <p>
 * A rebuild folds the log into memory, writes the result into the staging tables, then, holding the append lock
 * so that no command can commit meanwhile, applies the few events that arrived in the meantime and replaces the
 * live tables' rows with the staging rows in one transaction. Readers see the old read model until that commit
 * and the new one after it, never a half-built one; commands wait only for the final swap.
 */
@Component
public class ProjectionAdmin {

    /** One projection's progress through the log. */
    public record Status(String name, String mode, long position, long head, long lag) {
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

    ProjectionAdmin(EventLog log, LogPosition positions, JdbcTemplate jdbc, DataSource dataSource,
                    TransactionTemplate transactions, ObjectMapper json, ModelQueries queries) {
        this.log = log;
        this.positions = positions;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
        this.queries = queries;
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
        RegistryFold fold = RegistryFold.of(events, json);
        long position = events.isEmpty() ? 0 : events.get(events.size() - 1).position();
        transactions.executeWithoutResult(status -> {
            jdbc.execute("TRUNCATE model_version_staging, model_staging");
            writeStaging(fold, fold.modelIds());
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
                jdbc.update("DELETE FROM model_version_staging WHERE model_id = ANY(?)",
                        (Object) touched.toArray(String[]::new));
                jdbc.update("DELETE FROM model_staging WHERE model_id = ANY(?)",
                        (Object) touched.toArray(String[]::new));
                writeStaging(fold, touched);
            }
            swapDifferences();
            jdbc.update("UPDATE read_model_state SET version = version + 1, position = ? WHERE id = 1",
                    finalPosition[0]);
        });
        queries.readModelReplaced();
        return new RebuildReport(name, fold.modelIds().size(), applied[0], finalPosition[0],
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Makes the live tables equal to the staging tables by writing only the rows that differ: rebuilding a read
     * model that was right writes nothing to it, where rewriting every row would update every index (trigram
     * and GIN among them) for each of them while commands wait on the append lock. JSON columns compare as text,
     * which is how both the projection and the rebuild write them.
     */
    private void swapDifferences() {
        jdbc.update("""
                INSERT INTO model SELECT * FROM model_staging
                ON CONFLICT (model_id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    supported_tasks = EXCLUDED.supported_tasks, tags = EXCLUDED.tags, enabled = EXCLUDED.enabled,
                    retired = EXCLUDED.retired, status_reason = EXCLUDED.status_reason,
                    default_version = EXCLUDED.default_version, revision = EXCLUDED.revision,
                    position = EXCLUDED.position, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
                WHERE (model.name, model.description, model.supported_tasks, model.tags, model.enabled,
                       model.retired, model.status_reason, model.default_version, model.revision, model.position,
                       model.created_at, model.updated_at)
                      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.supported_tasks, EXCLUDED.tags,
                       EXCLUDED.enabled, EXCLUDED.retired, EXCLUDED.status_reason, EXCLUDED.default_version,
                       EXCLUDED.revision, EXCLUDED.position, EXCLUDED.created_at, EXCLUDED.updated_at)""");
        jdbc.update("""
                INSERT INTO model_version SELECT * FROM model_version_staging
                ON CONFLICT (model_id, version) DO UPDATE SET enabled = EXCLUDED.enabled,
                    status_reason = EXCLUDED.status_reason, config_schema = EXCLUDED.config_schema,
                    performance = EXCLUDED.performance, input = EXCLUDED.input, output = EXCLUDED.output,
                    hardware = EXCLUDED.hardware, limits = EXCLUDED.limits, capabilities = EXCLUDED.capabilities,
                    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
                WHERE (model_version.enabled, model_version.status_reason, model_version.config_schema::text,
                       model_version.performance::text, model_version.input::text, model_version.output::text,
                       model_version.hardware::text, model_version.limits::text, model_version.capabilities::text,
                       model_version.created_at, model_version.updated_at)
                      IS DISTINCT FROM (EXCLUDED.enabled, EXCLUDED.status_reason, EXCLUDED.config_schema::text,
                       EXCLUDED.performance::text, EXCLUDED.input::text, EXCLUDED.output::text,
                       EXCLUDED.hardware::text, EXCLUDED.limits::text, EXCLUDED.capabilities::text,
                       EXCLUDED.created_at, EXCLUDED.updated_at)""");
        jdbc.update("""
                DELETE FROM model_version v WHERE NOT EXISTS
                    (SELECT 1 FROM model_version_staging s WHERE s.model_id = v.model_id AND s.version = v.version)""");
        jdbc.update("""
                DELETE FROM model m WHERE NOT EXISTS (SELECT 1 FROM model_staging s WHERE s.model_id = m.model_id)""");
    }

    /**
     * Writes the folded models into the staging tables with {@code COPY}: a registry of 10,000 models is 30,000
     * rows of JSON, which PostgreSQL takes as one stream rather than as statements to parse.
     */
    private void writeStaging(RegistryFold fold, Collection<String> modelIds) {
        // Rendering the rows (mostly JSON) is the costly part, and each model's rows are its own: every core helps.
        String models = modelIds.parallelStream().map(id -> modelRow(fold.view(id)))
                .collect(Collectors.joining());
        String versions = modelIds.parallelStream().map(id -> versionRows(id, fold.versions(id)))
                .collect(Collectors.joining());
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try {
                copy.copyIn("""
                        COPY model_staging (model_id, name, description, supported_tasks, tags, enabled, retired,
                                            status_reason, default_version, revision, position, created_at,
                                            updated_at) FROM STDIN (FORMAT csv)""", new StringReader(models));
                copy.copyIn("""
                        COPY model_version_staging (model_id, version, enabled, status_reason, config_schema,
                                                    performance, input, output, hardware, limits, capabilities,
                                                    created_at, updated_at) FROM STDIN (FORMAT csv)""",
                        new StringReader(versions));
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the staging tables", e);
            }
            return null;
        });
    }

    private String modelRow(ModelView model) {
        StringBuilder row = new StringBuilder();
        csv(row, model.modelId(), model.name(), model.description(), textArray(model.supportedTasks()),
                text(json.valueToTree(model.tags())), model.enabled(), model.retired(), model.statusReason(),
                model.defaultVersion(), model.revision(), model.position(), model.createdAt(), model.updatedAt());
        return row.toString();
    }

    private String versionRows(String modelId, List<VersionView> versions) {
        StringBuilder rows = new StringBuilder();
        for (VersionView version : versions) {
            csv(rows, modelId, version.version(), version.enabled(), version.statusReason(),
                    text(version.configSchema()), text(version.performance()), text(version.input()),
                    text(version.output()), text(version.hardware()), text(version.limits()),
                    text(version.capabilities()), version.createdAt(), version.updatedAt());
        }
        return rows.toString();
    }

    /**
     * One CSV line: null is an unquoted empty field, everything else is quoted (so "" is an empty string);
     * instants print as ISO-8601 in UTC.
     */
    private static void csv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value != null) {
                String text = value.toString();
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    /** A PostgreSQL array literal of text elements, each quoted and escaped. */
    private static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "\"" : ",\"")
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private String text(JsonNode document) {
        if (document == null) {
            return null;
        }
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
