package org.vas.registry.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Supplier;
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
 */
@Component
class CompiledSchemas {

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

    private final Cache<String, Entry> cache;
    private final ConfigSchemaCompiler compiler;
    private final ObjectMapper json;

    CompiledSchemas(ConfigSchemaCompiler compiler, ObjectMapper json, MeterRegistry meters,
                    @Value("${registry.cache.compiled-schemas.max-size}") DataSize maxSize) {
        // Evicting on the thread that put the schema keeps the heap bound when put returns; on the common pool a
        // burst of compiles could overshoot it until the pool caught up. An eviction costs little beside a compile.
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, Entry entry) -> HEAP_BYTES_PER_CHAR * Math.max(1, entry.textLength()))
                .recordStats()
                .build();
        this.compiler = compiler;
        this.json = json;
        CaffeineCacheMetrics.monitor(meters, cache, "compiled_schemas");
    }

    /**
     * The schema whose JSON text has this SHA-256 digest, compiled; {@code schemaText} is asked for that text only
     * when no version with the same schema has been compiled yet. Versions repeat their model's schema, and models
     * of a family share one: compiled once, it is held once.
     */
    Compiled get(String schemaDigest, Supplier<String> schemaText) {
        Entry known = cache.getIfPresent(schemaDigest);
        if (known != null) {
            return known.compiled();
        }
        String text = schemaText.get();
        if (text == null || !Sha256.hex(text).equals(schemaDigest)) {
            // Read after the digest, by another statement: a version gone or corrected in between (a rebuild) is
            // not the schema the digest names, and must not be kept under that name for every model sharing it.
            return new Compiled(null, "the stored config_schema changed while it was read; retry");
        }
        Entry compiled = new Entry(compile(text), text.length());
        cache.put(schemaDigest, compiled);
        return compiled.compiled();
    }

    private Compiled compile(String schemaText) {
        try {
            JsonNode declared = json.readTree(schemaText);
            return new Compiled(compiler.compile(declared), null);
        } catch (InvalidInputException e) {
            return new Compiled(null, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            return new Compiled(null, "the stored config_schema cannot be read");
        }
    }
}
