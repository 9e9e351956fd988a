package org.vas.registry.assignment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.Sha256;
import org.vas.registry.schema.ConfigSchema;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * Compiled config schemas, one per distinct schema text, named by its SHA-256. A version is immutable, so its
 * compiled schema never goes stale and is compiled once; compiling costs far more than validating.
 *
 * <p>The texts are kept too, by the same digest, in a bound of their own: a text takes a twelfth of the heap of its
 * compiled schema or less, so when a registry has more schemas than the compiled ones' bound holds (at 10,000
 * models, each with a schema of its own, about a third fit), an evicted schema is compiled again from its text
 * (about 9 microseconds) instead of reading the text from the database first (a statement).
 *
 * <p>A schema that would evict another is offered to the compiled cache only within its intake per second, in bytes
 * of heap, or when compiled again within {@link #IN_USE}. When validations name evenly more schemas than fit, every
 * schema the cache admits lives just long enough to be promoted to the old generation and is then evicted, and full
 * collections follow; under even naming the hit rate depends on how many schemas are kept, not which, so that
 * turnover buys nothing (decision 38). A schema not offered serves its call and dies young.
 */
@Component
class CompiledSchemas {

    private static final Logger log = LoggerFactory.getLogger(CompiledSchemas.class);

    /** A compiled schema, or why there is none: validation must fail closed on a schema it cannot use. */
    record Compiled(ConfigSchema schema, String error) {
    }

    /** A compiled schema and the length of the text it came from, which its size in memory follows. */
    private record Entry(Compiled compiled, int textLength) {
    }

    /**
     * A compiled schema takes about 26 bytes of heap for each character of its text (measured on the platform's
     * geo-fencing contract: 13.6 KB for 533 characters, most of it the validator library's paths and locations).
     * Weighed by that, the bound is in bytes of heap.
     */
    static final int HEAP_BYTES_PER_CHAR = 26;
    /** A kept text's heap: two bytes a character at most, and the string's and the entry's headers. */
    private static final int TEXT_BYTES_PER_CHAR = 2;
    private static final int TEXT_OVERHEAD = 96;
    /**
     * A schema compiled again this soon is in use (many cameras of one model validated at once, a batch sent again),
     * and is offered to the cache whatever its intake: the cache's own frequency count, which decides what it keeps,
     * counts only what it is offered.
     */
    static final Duration IN_USE = Duration.ofMillis(100);
    /** A safety bound on the compile times remembered; within {@link #IN_USE} there are a few hundred. */
    private static final int RECENTLY_COMPILED = 100_000;
    /** An intake above this could not be refilled by the nanosecond; the cache's bound itself is far below it. */
    static final DataSize MAX_INTAKE = DataSize.ofMegabytes(512);

    private final Cache<String, Entry> cache;
    private final Cache<String, String> texts;
    private final ConfigSchemaCompiler compiler;
    /** The bytes of heap the full cache may still be offered: a second's intake at most. */
    private final Bucket intake;
    private final TimeMeter clock;
    /** When each schema compiled within {@link #IN_USE} was compiled, on {@link #clock}. */
    private final Cache<String, Long> lastCompiled;
    private final Counter declined;

    @Autowired
    CompiledSchemas(ConfigSchemaCompiler compiler, MeterRegistry meters,
                    @Value("${registry.cache.compiled-schemas.max-size}") DataSize maxSize,
                    @Value("${registry.cache.schema-texts.max-size}") DataSize maxTextSize,
                    @Value("${registry.cache.compiled-schemas.intake-per-second}") DataSize intakePerSecond) {
        this(compiler, meters, maxSize, maxTextSize, intakePerSecond, TimeMeter.SYSTEM_NANOTIME);
    }

    /** {@code clock}: the time of the intake and of the compiles, which a test sets. */
    CompiledSchemas(ConfigSchemaCompiler compiler, MeterRegistry meters, DataSize maxSize, DataSize maxTextSize,
                    DataSize intakePerSecond, TimeMeter clock) {
        long perSecond = intakePerSecond.toBytes();
        if (perSecond < 1 || perSecond > MAX_INTAKE.toBytes()) {
            throw new IllegalArgumentException("registry.cache.compiled-schemas.intake-per-second must be from 1B to "
                    + MAX_INTAKE.toMegabytes() + "MB, not " + intakePerSecond);
        }
        // Evicting on the thread that put the schema keeps the heap bound when put returns; on the common pool a
        // burst of compiles could overshoot it until the pool caught up. An eviction costs little beside a compile.
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, Entry entry) -> weight(entry))
                .recordStats()
                .build();
        this.compiler = compiler;
        this.texts = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(maxTextSize.toBytes())
                .weigher((String key, String text) -> TEXT_OVERHEAD + TEXT_BYTES_PER_CHAR * text.length())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "compiled_schemas");
        CaffeineCacheMetrics.monitor(meters, texts, "schema_texts");
        this.intake = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(clock)
                .build();
        this.clock = clock;
        this.lastCompiled = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(clock::currentTimeNanos)
                .expireAfterWrite(IN_USE)
                .maximumSize(RECENTLY_COMPILED)
                .build();
        this.declined = Counter.builder("cache.declined").tag("cache", "compiled_schemas")
                .description("Schemas compiled and not offered to the full cache, its intake per second being spent")
                .register(meters);
    }

    /** An empty set of the schemas one validation call needs. */
    SchemaSet forCall() {
        return new SchemaSet();
    }

    /**
     * The schemas one validation call needs, in two steps: {@link #read} on the caller's thread before any
     * assignment is judged, which is the only step that may read the database, then {@link #compiled} on any
     * thread while judging. Versions repeat their model's schema, and models of a family share one: compiled once,
     * it is held once.
     */
    final class SchemaSet {

        /** Compiled schemas, and why some cannot be: each is looked up or compiled at most once per call. */
        private final Map<String, Compiled> heldCompiled = new ConcurrentHashMap<>();
        /**
         * Texts to compile from. A plain map: {@link #read} writes it on the caller's thread before judging is handed
         * to any other, and the hand-off publishes it.
         */
        private final Map<String, String> heldTexts = new HashMap<>();

        private SchemaSet() {
        }

        /**
         * Holds the schema whose JSON text has this SHA-256 digest: its compiled form if kept, else its text.
         * {@code schemaText} is asked for that text only when neither is kept.
         */
        void read(String schemaDigest, Supplier<String> schemaText) {
            if (heldCompiled.containsKey(schemaDigest) || heldTexts.containsKey(schemaDigest)) {
                return;
            }
            Entry known = cache.getIfPresent(schemaDigest);
            if (known != null) {
                heldCompiled.put(schemaDigest, known.compiled());
                return;
            }
            String text = texts.getIfPresent(schemaDigest);
            if (text == null) {
                text = schemaText.get();
                if (text == null || !Sha256.hex(text).equals(schemaDigest)) {
                    // Read after the digest, by another statement: a version gone or corrected in between (a
                    // rebuild) is not the schema the digest names, and must not be kept under that name for every
                    // model sharing it.
                    heldCompiled.put(schemaDigest, new Compiled(null,
                            "the stored config_schema changed while it was read; retry"));
                    return;
                }
                texts.put(schemaDigest, text);
            }
            heldTexts.put(schemaDigest, text);
        }

        /** The schema {@link #read} held under this digest, compiled; it never reads the database. */
        Compiled compiled(String schemaDigest) {
            return heldCompiled.computeIfAbsent(schemaDigest, digest -> {
                String text = heldTexts.get(digest);
                if (text == null) {
                    log.error("Schema {} was judged without being read first: a validation path skips "
                            + "AssignmentValidator.read", digest);
                    return new Compiled(null, "its text was not read before judging");
                }
                Entry fresh = new Entry(compile(text), text.length());
                // Recorded first, whatever the rest decides, so that the next compile knows of this one.
                boolean inUse = compiledRecently(digest);
                if (inUse || evictsNothing(fresh) || intake.tryConsume(weight(fresh))) {
                    cache.put(digest, fresh);
                } else {
                    declined.increment();
                }
                return fresh.compiled();
            });
        }
    }

    /** Whether this schema was compiled before within {@link #IN_USE}; records this compile. */
    private boolean compiledRecently(String digest) {
        long now = clock.currentTimeNanos();
        Long before = lastCompiled.asMap().put(digest, now);
        return before != null && now - before < IN_USE.toNanos();
    }

    /** A schema that fits beside those kept is always offered: a registry whose schemas fit fills the cache at once. */
    private boolean evictsNothing(Entry entry) {
        Policy.Eviction<String, Entry> eviction = cache.policy().eviction().orElseThrow();
        return eviction.weightedSize().orElse(0) + weight(entry) <= eviction.getMaximum();
    }

    private static int weight(Entry entry) {
        return HEAP_BYTES_PER_CHAR * Math.max(1, entry.textLength());
    }

    private Compiled compile(String schemaText) {
        try {
            return new Compiled(compiler.compileStored(schemaText), null);
        } catch (InvalidInputException e) {
            return new Compiled(null, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            return new Compiled(null, "the stored config_schema cannot be read");
        }
    }
}
