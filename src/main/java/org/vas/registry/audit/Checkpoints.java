package org.vas.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.state.PositionedModel;
import org.vas.registry.kernel.Sha256;

/**
 * The registry's state folded up to a position, stored every so many positions ({@link CheckpointWriter} writes
 * them), so that the registry's past is the nearest checkpoint plus the events after it: a past list costs the
 * registry's size and at most an interval of events, whatever the length of the log.
 *
 * <p>A checkpoint is written once the log has grown by the larger of the configured interval and the number of
 * models in the previous one, so the checkpoints together stay within a small multiple of the log's size. The
 * state last written and the state of the last checkpoint read are kept in memory: they never change. Their
 * models leave out what their versions declare, which is what a list filters a past registry on; the models of a
 * page are folded whole from their own streams. The whole registry with its declarations would not fit a
 * bounded heap: 10,000 models with two versions each take about 560 MB as trees.
 */
@Component
class Checkpoints {

    /**
     * Checkpoints of another shape (written by another release of the state, or with the versions' declarations,
     * as before they were left out) are never read, and are deleted when the writer starts over ({@link #reached}).
     */
    static final String SHAPE = fingerprint(PositionedModel.class, "without declarations");

    private static final TypeReference<List<PositionedModel>> STATES = new TypeReference<>() {
    };
    private static final int CACHED = 1;

    record Checkpoint(long position, Instant latestOccurredAt, int models) {
    }

    private record Written(long position, RegistryFold fold) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventLog log;
    private final int interval;
    private final TransactionTemplate separately;
    private final Map<Long, RegistryFold> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, RegistryFold> eldest) {
                    return size() > CACHED;
                }
            });
    private volatile long due;
    private volatile Written written;

    Checkpoints(JdbcTemplate jdbc, ObjectMapper json, EventLog log, PlatformTransactionManager transactions,
                @Value("${registry.time-travel.checkpoint-interval:1000}") int interval) {
        this.jdbc = jdbc;
        // Catching up writes many checkpoints in one handler call: each is kept as soon as it is written, so a
        // call cut short (a lost claim, a restart) resumes from the last one instead of starting over.
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.log = log;
        this.interval = interval;
    }

    /**
     * The registry folded up to a point of the log: from the nearest checkpoint at or before it, plus the events
     * after that checkpoint. An instant is not a position (an event's time is taken before it is appended, so
     * times are not quite in log order): the checkpoint is the last one whose events all occurred by then, and the
     * events after it are read only from the stretches of the log that hold an event of that time or earlier.
     */
    RegistryFold at(AsOf asOf) {
        if (asOf.position() != null) {
            Checkpoint base = latest("position <= ?", asOf.position());
            RegistryFold fold = start(base);
            log.between(position(base), asOf.position(), fold::apply);
            return fold;
        }
        OffsetDateTime then = OffsetDateTime.ofInstant(asOf.instant(), ZoneOffset.UTC);
        Checkpoint base = latest("latest_occurred_at <= ?", then);
        Long upper = jdbc.queryForObject(
                "SELECT max(position) FROM time_travel_checkpoint WHERE earliest_occurred_at <= ?", Long.class, then);
        Long last = jdbc.queryForObject("SELECT max(position) FROM time_travel_checkpoint", Long.class);
        RegistryFold fold = start(base);
        long from = position(base);
        if (upper != null && upper > from) {
            log.between(from, upper, asOf.instant(), fold::apply);
            from = upper;
        }
        log.between(Math.max(from, last == null ? 0 : last), Long.MAX_VALUE, asOf.instant(), fold::apply);
        return fold;
    }

    /**
     * Writes the checkpoints due up to {@code position}; the log up to there must be complete. Usually that is one,
     * at the position it was due; when checkpoints of the current shape are missing (the first start of a release
     * that changed it, or of one that introduced them on an existing log), every one the log has passed is written,
     * each from the one before, so that no later request has to fold more than an interval of the log.
     */
    void reached(long position) {
        if (position < due) {
            return;
        }
        Checkpoint base = latest("TRUE");
        long next = base == null ? interval : base.position() + Math.max(interval, base.models());
        if (position < next) {
            due = next;
            return;
        }
        if (base == null) {
            // Checkpoints of another shape are never read again. Deleted apart from the processor's transaction, as
            // the checkpoints are written: the rows they would replace must not stay locked by this one.
            separately.executeWithoutResult(status ->
                    jdbc.update("DELETE FROM time_travel_checkpoint WHERE shape <> ?", SHAPE));
        }
        RegistryFold fold = start(base);
        long from = position(base);
        Instant latest = base == null ? Instant.EPOCH : base.latestOccurredAt();
        while (next <= position) {
            Instant[] occurred = {latest, null};
            log.between(from, next, event -> {
                fold.apply(event);
                Instant at = event.occurredAt();
                occurred[0] = occurred[0].isAfter(at) ? occurred[0] : at;
                occurred[1] = occurred[1] == null || occurred[1].isAfter(at) ? at : occurred[1];
            });
            latest = occurred[0];
            write(next, latest, occurred[1] == null ? latest : occurred[1], fold);
            from = next;
            next += Math.max(interval, fold.size());
        }
        // Should the processor's transaction roll back, the kept fold is still the log's state at that position.
        written = new Written(from, fold);
        due = next;
    }

    private void write(long position, Instant latest, Instant earliest, RegistryFold fold) {
        byte[] state;
        try {
            state = json.writeValueAsBytes(List.copyOf(fold.models()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A registry state that cannot be written as JSON", e);
        }
        separately.executeWithoutResult(status -> jdbc.update("""
                    INSERT INTO time_travel_checkpoint (position, shape, latest_occurred_at, earliest_occurred_at,
                                                        models, state)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING""",
                    position, SHAPE, OffsetDateTime.ofInstant(latest, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(earliest, ZoneOffset.UTC), fold.size(), state));
    }

    private Checkpoint latest(String condition, Object... args) {
        return jdbc.query("SELECT position, latest_occurred_at, models FROM time_travel_checkpoint WHERE shape = ? AND "
                        + condition + " ORDER BY position DESC LIMIT 1",
                (row, n) -> new Checkpoint(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                        row.getInt(3)), prepend(SHAPE, args)).stream().findFirst().orElse(null);
    }

    private RegistryFold start(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return RegistryFold.withoutDeclarations();
        }
        Written last = written;
        RegistryFold stored = last != null && last.position() == checkpoint.position() ? last.fold()
                : recent.get(checkpoint.position());
        if (stored == null) {
            byte[] state = jdbc.queryForObject("SELECT state FROM time_travel_checkpoint WHERE position = ?",
                    byte[].class, checkpoint.position());
            try {
                stored = RegistryFold.withoutDeclarations(json.readValue(state, STATES));
            } catch (IOException e) {
                throw new UncheckedIOException("Checkpoint " + checkpoint.position() + " cannot be read", e);
            }
            recent.put(checkpoint.position(), stored);
        }
        return stored.copy();
    }

    private static long position(Checkpoint checkpoint) {
        return checkpoint == null ? 0 : checkpoint.position();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The structure of a record type, its components' names and types down through nested records, hashed. */
    static String fingerprint(Class<?> type, String variant) {
        return Sha256.hex(describe(type, new HashSet<>()) + "/" + variant);
    }

    private static String describe(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            return describe(parameterized.getRawType(), seen) + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(argument -> describe(argument, seen)).collect(Collectors.joining(",", "<", ">"));
        }
        if (type instanceof Class<?> record && record.isRecord() && seen.add(record)) {
            return record.getName() + Arrays.stream(record.getRecordComponents())
                    .map((RecordComponent c) -> c.getName() + ":" + describe(c.getGenericType(), seen))
                    .collect(Collectors.joining(",", "(", ")"));
        }
        return type.getTypeName();
    }
}
