package org.vas.registry.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PreDestroy;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.vas.registry.infrastructure.db.BoundIds;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.state.PositionedModel;

/**
 * One model's state after every {@code interval}-th event of its own, so that a model's past is its nearest
 * snapshot at or before the point asked for plus at most an interval of its events: the cost of a model's past
 * does not grow with its history (a model enabled and disabled a thousand times), as the cost of the registry's
 * past does not grow with the log ({@link Checkpoints}).
 *
 * <p>A fold that passes a revision due for a snapshot hands the state to a writer thread: the first look at a long
 * history pays for the later ones, and no request waits for a write or holds a second connection. A state at a
 * revision is final, as the log is append-only, so a snapshot is written once and two requests racing to write it
 * write the same. A snapshot is serialized as events are, so its declarations read back as the events' did.
 *
 * <p>Reading a snapshot back parses every declaration of its model's versions, which cost more than the rest of a
 * past read together: snapshots read or written are kept as states, by model and revision, as a state at a revision
 * is final. The statement still finds the nearest snapshot in its table, so a kept state is used only for a
 * snapshot the table holds.
 */
@Component
class ModelSnapshots {

    /** Snapshots of another shape (another release of the state) are never read, and are replaced when due again. */
    static final String SHAPE = Checkpoints.fingerprint(PositionedModel.class, "whole");

    private static final Logger LOG = LoggerFactory.getLogger(ModelSnapshots.class);
    /** States waiting for the writer; beyond that, a due snapshot is left for a later fold to find due again. */
    private static final int QUEUED = 64;
    /**
     * A state's heap for each byte of its serialized form: a model with two versions of the platform's geo-fencing
     * contract is a snapshot of 5.9 KB and about 56 KB as trees.
     */
    private static final int HEAP_PER_SERIALIZED_BYTE = 10;

    /** A model's state after an event of its own, and the latest time among its events up to that one. */
    record Snapshot(PositionedModel model, Instant latestOccurredAt) {

        long revision() {
            return model.state().revision();
        }
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventLog log;
    private final int interval;
    private final ThreadPoolExecutor writer;
    private final Cache<String, Kept> states;

    /** A state read back or written, and the heap it is counted for. */
    private record Kept(PositionedModel model, int weight) {
    }

    ModelSnapshots(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, EventLog log,
                   @Value("${registry.time-travel.model-snapshot-interval:32}") int interval,
                   @Value("${registry.cache.model-snapshots.max-size}") DataSize maxSize, MeterRegistry meters) {
        if (interval < 2) {
            throw new IllegalArgumentException("registry.time-travel.model-snapshot-interval must be at least 2");
        }
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.log = log;
        this.interval = interval;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED),
                task -> {
                    Thread thread = new Thread(task, "model-snapshots");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        this.states = Caffeine.newBuilder()
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, Kept kept) -> kept.weight())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, states, "model_snapshots");
    }

    /**
     * These models folded up to a point of the log, each from its nearest snapshot there. An instant is not a
     * position: a snapshot stands for it only if every event it folded occurred by then, and a fold that skipped
     * an event of a later time (clocks of two instances apart) writes no snapshot past it.
     */
    RegistryFold fold(AsOf asOf, Collection<String> modelIds) {
        Map<String, Snapshot> nearest = new HashMap<>();
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>();
        if (!modelIds.isEmpty()) {
            read(asOf, new LinkedHashSet<>(modelIds), nearest, rows);
        }
        List<PositionedModel> starts = new ArrayList<>();
        Map<String, Instant> latest = new HashMap<>();
        Map<String, Long> expected = new HashMap<>();
        nearest.forEach((id, snapshot) -> {
            starts.add(snapshot.model());
            latest.put(id, snapshot.latestOccurredAt());
            expected.put(id, snapshot.revision() + 1);
        });
        RegistryFold fold = RegistryFold.from(starts);
        List<Snapshot> due = new ArrayList<>();
        for (LoggedEvent event : log.deserialize(rows, false)) {
            fold.apply(event);
            String id = event.modelId();
            Instant occurred = latest.merge(id, event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            boolean unbroken = event.revision() == expected.getOrDefault(id, 0L);
            expected.put(id, unbroken ? event.revision() + 1 : Long.MIN_VALUE);
            if (unbroken && event.isModelEvent() && (event.revision() + 1) % interval == 0) {
                due.add(new Snapshot(fold.model(id), occurred));
            }
        }
        if (!due.isEmpty()) {
            writer.execute(() -> write(due));
        }
        return fold;
    }

    /**
     * Each model's nearest snapshot and its events after it, in one statement: a row for each snapshot, a row for
     * each event. The events are folded in the log's order, which the statement does not sort them in.
     */
    private void read(AsOf asOf, Collection<String> modelIds, Map<String, Snapshot> nearest,
                      List<TrackedDomainEventData<byte[]>> rows) {
        BoundIds ids = BoundIds.of(modelIds);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(statement(asOf, ids));
            // Snapshots and payloads come back as bytes rather than as two hex digits a byte.
            statement.unwrap(PGStatement.class).setPrepareThreshold(EventLog.FORCE_BINARY);
            ids.bind(statement, 1);
            statement.setString(2, SHAPE);
            statement.setObject(3, EventLog.bound(asOf));
            statement.setObject(4, EventLog.bound(asOf));
            return statement;
        }, row -> {
            byte[] state = row.getBytes("snapshot_state");
            if (state != null) {
                String model = row.getString("snapshot_model");
                nearest.put(model, new Snapshot(state(model, row.getLong("snapshot_revision"), state),
                        row.getObject("snapshot_latest", OffsetDateTime.class).toInstant()));
            }
            if (row.getObject("global_index") != null) {
                rows.add(EventLog.row(row));
            }
        });
        rows.sort(Comparator.comparingLong(event -> ((GlobalSequenceTrackingToken) event.trackingToken())
                .getGlobalIndex()));
    }

    /**
     * The statement {@link #read} runs, with the ids, the shape and the bound twice as its parameters. A model's
     * events after its snapshot are those after the snapshot's position, as positions rise with sequence numbers
     * within a stream: read through the index of streams by position (V78), they are a range bounded at both ends,
     * where the index by sequence number would read the model's later events too, up to the end of its stream. The
     * nearest snapshot is the one of the highest position for the same reason, found at once through its index (V79)
     * where the highest revision would pass every later snapshot first. A snapshot is on a row of its own, not on
     * its model's first event: numbering the rows to find that one sorted them all, each carrying the snapshot
     * (a third of the statement's time for a page of ten models).
     */
    static String statement(AsOf asOf, BoundIds ids) {
        String snapshotBound = asOf.position() != null ? "position <= ?" : "latest_occurred_at <= ?";
        return "WITH s AS MATERIALIZED (SELECT m.id, n.revision, n.position, n.latest_occurred_at, n.state FROM "
                + ids.rows("m", "id") + " LEFT JOIN LATERAL (SELECT revision, position, latest_occurred_at, state "
                + "FROM model_snapshot WHERE model_id = m.id AND shape = ? AND " + snapshotBound
                + " ORDER BY position DESC LIMIT 1) n ON TRUE) "
                + "SELECT s.id AS snapshot_model, NULL::bigint AS snapshot_revision, NULL::timestamptz AS "
                + "snapshot_latest, NULL::bytea AS snapshot_state, e.* FROM s CROSS JOIN LATERAL (SELECT "
                + EventLog.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = s.id AND global_index > "
                + "coalesce(s.position, -1) AND " + EventLog.boundCondition(asOf) + " ORDER BY global_index) e "
                + "UNION ALL SELECT s.id, s.revision, s.latest_occurred_at, s.state, " + EventLog.COLUMNS
                + " FROM s LEFT JOIN domain_event_entry ON FALSE WHERE s.state IS NOT NULL";
    }

    /** Which of these models have snapshots in the current shape at or before a position. */
    List<String> kept(Collection<String> modelIds, long position) {
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT model_id FROM model_snapshot "
                    + "WHERE model_id = ANY(?) AND shape = ? AND position <= ? ORDER BY model_id");
            statement.setArray(1, connection.createArrayOf("varchar", modelIds.toArray(String[]::new)));
            statement.setString(2, SHAPE);
            statement.setLong(3, position);
            return statement;
        }, (row, n) -> row.getString(1));
    }

    /** One model's snapshots in the current shape at or before a position, by revision. */
    Map<Long, Snapshot> of(String modelId, long position) {
        Map<Long, Snapshot> snapshots = new HashMap<>();
        jdbc.query("SELECT revision, latest_occurred_at, state FROM model_snapshot WHERE model_id = ? AND shape = ? "
                + "AND position <= ?", row -> {
            snapshots.put(row.getLong("revision"), new Snapshot(state(row.getBytes("state")),
                    row.getObject("latest_occurred_at", OffsetDateTime.class).toInstant()));
        }, modelId, SHAPE, position);
        return snapshots;
    }

    private void write(List<Snapshot> due) {
        try {
            jdbc.batchUpdate("""
                    INSERT INTO model_snapshot (model_id, revision, position, latest_occurred_at, shape, state)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (model_id, revision) DO UPDATE SET position = excluded.position,
                        latest_occurred_at = excluded.latest_occurred_at, shape = excluded.shape, state = excluded.state
                    WHERE model_snapshot.shape <> excluded.shape""", due, due.size(), (statement, snapshot) -> {
                statement.setString(1, snapshot.model().state().modelId().value());
                statement.setLong(2, snapshot.revision());
                statement.setLong(3, snapshot.model().position());
                statement.setObject(4, OffsetDateTime.ofInstant(snapshot.latestOccurredAt(), ZoneOffset.UTC));
                statement.setString(5, SHAPE);
                byte[] state = serializer.serialize(snapshot.model(), byte[].class).getData();
                statement.setBytes(6, state);
                keep(snapshot.model().state().modelId().value(), snapshot.revision(), snapshot.model(), state);
            });
        } catch (RuntimeException e) {
            // Derived data: a snapshot not written is folded again next time, and found due then.
            LOG.warn("Could not write {} model snapshot(s): {}", due.size(), e.getMessage());
        }
    }

    private PositionedModel state(byte[] serialized) {
        return serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class,
                PositionedModel.class.getName(), null));
    }

    /** The snapshot the statement found, as kept if it was read or written before. */
    private PositionedModel state(String modelId, long revision, byte[] serialized) {
        Kept kept = states.getIfPresent(key(modelId, revision));
        return kept != null ? kept.model() : keep(modelId, revision, state(serialized), serialized);
    }

    private PositionedModel keep(String modelId, long revision, PositionedModel model, byte[] serialized) {
        states.put(key(modelId, revision), new Kept(model,
                (int) Math.min(Integer.MAX_VALUE, (long) serialized.length * HEAP_PER_SERIALIZED_BYTE)));
        return model;
    }

    private static String key(String modelId, long revision) {
        return modelId + '@' + revision;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
