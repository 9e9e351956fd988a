package org.vas.registry.audit;

import static java.util.concurrent.CompletableFuture.supplyAsync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.access.event.AccessEvent;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.PageCursor;
import org.vas.registry.model.state.ModelState;

/**
 * Reads the append-only log directly (model and access events alike), in global order, through Axon's serializer
 * and upcaster chain, so every reader sees events in their current shape. Appends are serialized (see {@code SerializedAppendEventStorageEngine}),
 * so reading "after position N" can never skip an event that commits later.
 */
@Component
public class EventLog {

    public static final int MAX_PAGE = 1000;
    /**
     * The models {@link #foldModels} folds at a time: few enough that a chunk's trees and rows, and the next chunk's
     * folded ahead, die young. At 500, a rebuild of 10,000 models outgrew the young generation's survivor spaces on
     * every collection, promoted its chunks and spent more time in full collections than in its own work.
     */
    static final int MODELS_AT_A_TIME = 100;
    private static final int PARALLEL_FROM = 256;
    /** The condition that finds registrations through {@code domain_event_entry_registration_idx} (V73). */
    private static final String REGISTRATION = "sequence_number = 0 AND payload_type = '"
            + ModelRegistered.class.getName() + "'";
    /** pgjdbc's prepare threshold that asks for results in binary from the first execution. */
    static final int FORCE_BINARY = -1;

    static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final Map<String, String> TYPES = Stream.of(ModelEvent.class, AccessEvent.class)
            .flatMap(events -> Arrays.stream(events.getPermittedSubclasses()))
            .collect(Collectors.toMap(Class::getSimpleName, Class::getName));

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final TransactionTemplate readOnly;
    private final Semaphore foldingAhead = new Semaphore(1);

    EventLog(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
             org.axonframework.config.Configuration axon, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /** The position of the newest event, 0 for an empty log. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** The change feed: events after a position, oldest first, optionally of some types or of one model. */
    public List<LoggedEvent> after(long position, int limit, List<String> types, String modelId) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("global_index > ?");
        args.add(position);
        if (types != null && !types.isEmpty()) {
            where.append(" AND payload_type IN (").append(String.join(",", types.stream().map(t -> "?").toList()))
                    .append(")");
            types.forEach(type -> args.add(payloadType(type)));
        }
        if (modelId != null) {
            where.append(" AND aggregate_identifier = ?");
            args.add(modelId);
        }
        args.add(limit);
        return read("SELECT " + COLUMNS + " FROM domain_event_entry WHERE " + where
                + " ORDER BY global_index LIMIT ?", args.toArray());
    }

    /** One model's events after a revision, in order. */
    public List<LoggedEvent> ofModel(String modelId, long afterRevision, int limit) {
        return read("SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number > ? ORDER BY sequence_number LIMIT ?", modelId, afterRevision, limit);
    }

    /**
     * Some models' events up to a point in the log, each model's in order, for folding: read through the index of
     * each model's stream (one lateral lookup per model, so the planner cannot prefer a range of the whole log),
     * and the cost is that of their histories, not of the log. The fold has no use for who caused an event, so the
     * metadata is not read.
     */
    List<LoggedEvent> upTo(AsOf asOf, Collection<String> modelIds) {
        List<LoggedEvent> events = new ArrayList<>();
        upTo(asOf, modelIds, events::add);
        return events;
    }

    /**
     * As {@link #upTo(AsOf, Collection)}, handing the events to {@code each} as they are read, so that folding models
     * with long histories holds their states and a page of their events, never the histories whole.
     */
    void upTo(AsOf asOf, Collection<String> modelIds, Consumer<LoggedEvent> each) {
        if (modelIds.isEmpty()) {
            return;
        }
        read(false, each, "SELECT e.* FROM unnest(?) AS m (id) CROSS JOIN LATERAL (SELECT " + COLUMNS
                + " FROM domain_event_entry WHERE aggregate_identifier = m.id AND " + boundCondition(asOf)
                + " ORDER BY sequence_number) e", modelIds.toArray(String[]::new), bound(asOf));
    }

    /** A statement and its arguments. */
    record Query(String sql, Object... args) {
    }

    /**
     * The models registered at or before a point in the log, in the list's order (newest registration first, to
     * the millisecond, then by id), after a cursor: read through the index of registrations, so the cost is the
     * page's and that of the registrations passed over, never that of the log.
     */
    List<String> registered(AsOf asOf, PageCursor after, int limit) {
        Query query = registeredQuery(asOf, after, limit);
        return jdbc.queryForList(query.sql(), String.class, query.args());
    }

    /**
     * The index orders registrations by time and the bound is a position, and times are not quite in log order:
     * the walk starts at the latest time of the first checkpoint at or after the position, which no registration
     * at or before the position can exceed, so it passes over the registrations of at most a checkpoint interval
     * after the position, not every later one. Past the last checkpoint it starts from the newest.
     */
    Query registeredQuery(AsOf asOf, PageCursor after, int limit) {
        List<Object> args = new ArrayList<>(List.of(bound(asOf), bound(asOf)));
        String newest = asOf.position() != null ? "coalesce((SELECT latest_occurred_at FROM time_travel_checkpoint "
                + "WHERE position >= ? ORDER BY position LIMIT 1), 'infinity')" : "?";
        String keyset = "";
        if (after != null) {
            keyset = " AND (registry_event_millis(time_stamp), aggregate_identifier COLLATE \"C\") < (?, ?)";
            args.add(OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
            args.add(after.modelId());
        }
        args.add(limit);
        return new Query("SELECT aggregate_identifier FROM domain_event_entry WHERE " + REGISTRATION + " AND "
                + boundCondition(asOf) + " AND registry_event_millis(time_stamp) <= " + newest + keyset
                + " ORDER BY registry_event_millis(time_stamp) DESC, aggregate_identifier COLLATE \"C\" DESC LIMIT ?",
                args.toArray());
    }

    /** How many models had been registered by a point in the log, and how many of them retired. */
    long[] registeredAndRetired(AsOf asOf) {
        Query query = registeredAndRetiredQuery(asOf);
        return jdbc.queryForObject(query.sql(), (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, query.args());
    }

    /**
     * Up to a position, the registrations are those a checkpoint at or before it counted (its models) and those
     * after it, counted through the index of registrations by position (V76): at most a checkpoint interval of
     * them. Up to an instant, the registrations by then, through the index ordered by time. Retirements are few.
     */
    Query registeredAndRetiredQuery(AsOf asOf) {
        String retired = "(SELECT count(*) FROM domain_event_entry WHERE payload_type = '"
                + ModelRetired.class.getName() + "' AND " + boundCondition(asOf) + ")";
        if (asOf.position() != null) {
            return new Query("SELECT coalesce(c.models, 0) + (SELECT count(*) FROM domain_event_entry WHERE "
                    + REGISTRATION + " AND global_index > coalesce(c.position, 0) AND global_index <= ?), " + retired
                    + " FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT position, models FROM time_travel_checkpoint "
                    + "WHERE position <= ? ORDER BY position DESC LIMIT 1) c ON TRUE",
                    asOf.position(), asOf.position(), asOf.position());
        }
        Object then = bound(asOf);
        return new Query("SELECT (SELECT count(*) FROM domain_event_entry WHERE " + REGISTRATION + " AND "
                + boundCondition(asOf) + " AND registry_event_millis(time_stamp) <= ?), " + retired, then, then, then);
    }

    /**
     * Hands the events after position {@code after} up to {@code upTo} to {@code each}, in global order, a page at a
     * time: a stretch of the log may be the whole of it, which must never be in memory at once.
     */
    void between(long after, long upTo, Consumer<LoggedEvent> each) {
        between(after, upTo, null, each);
    }

    /** As {@link #between(long, long, Consumer)}, only the events that occurred at or before an instant, if given. */
    void between(long after, long upTo, Instant notAfter, Consumer<LoggedEvent> each) {
        String occurred = notAfter == null ? "" : "AND time_stamp::timestamptz <= ? ";
        long from = after;
        List<LoggedEvent> page;
        do {
            List<Object> args = new ArrayList<>(List.of(from, upTo));
            if (notAfter != null) {
                args.add(OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC));
            }
            args.add(MAX_PAGE);
            page = read("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ? "
                    + occurred + "ORDER BY global_index LIMIT ?", args.toArray());
            page.forEach(each);
            if (!page.isEmpty()) {
                from = page.get(page.size() - 1).position();
            }
        } while (page.size() == MAX_PAGE);
    }

    /**
     * The registry up to a position in the log, folded {@value #MODELS_AT_A_TIME} models at a time, each model whole
     * from its own stream, and handed to {@code each} chunk by chunk: the whole registry's states with their
     * declarations would not fit a bounded heap (10,000 models with two versions each are about 560 MB as trees),
     * a chunk of them does.
     * <p>
     * A thread of its own reads, folds and {@code prepare}s each chunk, one chunk ahead of {@code each}, in a
     * read-only transaction on a connection of its own: appends are serialized, so every snapshot that sees the
     * position sees the same events up to it. While the caller writes one chunk, PostgreSQL's work for it and the
     * fold of the next run at the same time, where they took turns; two chunks are in memory rather than one. One
     * fold at a time per instance works ahead, so that concurrent verifications cannot take the pool's connections
     * and then wait for more: the others fold on the caller's thread, in its transaction.
     */
    <T> void foldModels(long position, Function<RegistryFold, T> prepare, Consumer<T> each) {
        foldModels(position, MODELS_AT_A_TIME, prepare, each);
    }

    <T> void foldModels(long position, int modelsAtATime, Function<RegistryFold, T> prepare, Consumer<T> each) {
        AsOf asOf = new AsOf(null, position);
        ExecutorService ahead = foldingAhead.tryAcquire()
                ? Executors.newSingleThreadExecutor(new CustomizableThreadFactory("fold-ahead-")) : null;
        Executor folding = ahead != null ? ahead : Runnable::run;
        try {
            Future<Chunk<T>> next = supplyAsync(() -> chunk(asOf, null, modelsAtATime, prepare), folding);
            Chunk<T> chunk;
            do {
                chunk = result(next);
                PageCursor after = chunk.after();
                if (after != null) {
                    next = supplyAsync(() -> chunk(asOf, after, modelsAtATime, prepare), folding);
                }
                each.accept(chunk.prepared());
            } while (chunk.after() != null);
        } finally {
            if (ahead != null) {
                ahead.shutdownNow();
                foldingAhead.release();
            }
        }
    }

    /** A chunk of the fold, prepared, and where the next one starts (null after the last). */
    private record Chunk<T>(T prepared, PageCursor after) {
    }

    private <T> Chunk<T> chunk(AsOf asOf, PageCursor after, int modelsAtATime, Function<RegistryFold, T> prepare) {
        RegistryFold fold = new RegistryFold();
        List<String> ids = readOnly.execute(status -> {
            List<String> registered = registered(asOf, after, modelsAtATime);
            upTo(asOf, registered, fold::apply);
            return registered;
        });
        PageCursor next = null;
        if (ids.size() == modelsAtATime) {
            ModelState last = fold.model(ids.get(ids.size() - 1)).state();
            next = new PageCursor(last.createdAt(), last.modelId().value());
        }
        return new Chunk<>(prepare.apply(fold), next);
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while folding the log", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Could not fold the log", e.getCause());
        }
    }

    /**
     * The event store keeps times as text of varying length and precision, which does not sort as time does: they
     * are compared as instants.
     */
    static String boundCondition(AsOf asOf) {
        return asOf.position() != null ? "global_index <= ?" : "time_stamp::timestamptz <= ?";
    }

    static Object bound(AsOf asOf) {
        return asOf.position() != null ? asOf.position() : OffsetDateTime.ofInstant(asOf.instant(), ZoneOffset.UTC);
    }

    /** A page of the log holds 1 to {@value #MAX_PAGE} events. */
    public static void checkPageLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("INVALID_LIMIT", "limit", "limit must be between 1 and " + MAX_PAGE);
        }
    }

    /** The type names of every event the log can hold, sorted. */
    public static List<String> types() {
        return TYPES.keySet().stream().sorted().toList();
    }

    static String payloadType(String type) {
        String payloadType = TYPES.get(type);
        if (payloadType == null) {
            throw new InvalidInputException("INVALID_EVENT_TYPE", "type",
                    "Unknown event type '" + type + "'; the types are " + TYPES.keySet().stream().sorted().toList());
        }
        return payloadType;
    }

    /**
     * Payloads and metadata come back in PostgreSQL's binary format (the text format would send every byte of
     * them as two hex digits), and are deserialized on every core, in order: a rebuild reads the whole log.
     */
    private List<LoggedEvent> read(String sql, Object... args) {
        return read(true, sql, args);
    }

    private List<LoggedEvent> read(boolean withMetadata, String sql, Object... args) {
        List<LoggedEvent> events = new ArrayList<>();
        read(withMetadata, events::add, sql, args);
        return events;
    }

    /**
     * Hands the events to {@code each} a page of {@value #MAX_PAGE} at a time, in order, as they are read; inside a
     * transaction the driver fetches them a page at a time too, so a long answer is never in memory at once.
     */
    private void read(boolean withMetadata, Consumer<LoggedEvent> each, String sql, Object... args) {
        List<TrackedDomainEventData<byte[]>> page = new ArrayList<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.unwrap(PGStatement.class).setPrepareThreshold(FORCE_BINARY);
            statement.setFetchSize(MAX_PAGE);
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i] instanceof String[] values
                        ? connection.createArrayOf("varchar", values) : args[i]);
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            page.add(row(rs));
            if (page.size() == MAX_PAGE) {
                deserialize(page, withMetadata).forEach(each);
                page.clear();
            }
        });
        deserialize(page, withMetadata).forEach(each);
    }

    /** Rows of the log as {@link #row} reads them, upcast and deserialized, in order. */
    List<LoggedEvent> deserialize(List<TrackedDomainEventData<byte[]>> rows, boolean withMetadata) {
        // Handing a few events to other threads costs more than deserializing them here.
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.size() < PARALLEL_FROM ? rows.stream()
                        : rows.parallelStream(), serializer, upcasters)
                .map(message -> logged(message, withMetadata))
                .toList();
    }

    /** The event in a row that holds the log's {@link #COLUMNS}. */
    static TrackedDomainEventData<byte[]> row(ResultSet rs) throws SQLException {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong("global_index")),
                new LogRow(rs.getString("type"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), rs.getString("event_identifier"),
                        LogRow.time(rs.getString("time_stamp")), rs.getString("payload_type"),
                        rs.getString("payload_revision"), rs.getBytes("payload"), rs.getBytes("meta_data")));
    }

    private static LoggedEvent logged(TrackedEventMessage<?> message, boolean withMetadata) {
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        return new LoggedEvent(message.trackingToken().position().orElseThrow(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(),
                withMetadata ? new HashMap<>(event.getMetaData()) : Map.of(), event.getPayload());
    }
}
