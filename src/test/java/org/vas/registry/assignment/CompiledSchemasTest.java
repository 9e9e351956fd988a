package org.vas.registry.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.Sha256;
import org.springframework.util.unit.DataSize;
import org.vas.registry.schema.ConfigSchemaCompiler;

class CompiledSchemasTest {

    /** A schema as one validation call gets it: read first, then compiled. */
    private static CompiledSchemas.Compiled compiledFor(CompiledSchemas schemas, String digest, Supplier<String> text) {
        CompiledSchemas.SchemaSet set = schemas.forCall();
        set.read(digest, text);
        return set.compiled(digest);
    }

    /** A schema of about 58,000 characters, near the largest a version may declare: an enum of many long values, legal and slow to compile. */
    private static String largeSchema(int n) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            values.append(i == 0 ? "" : ",").append("\"value-").append(n).append('-').append(i)
                    .append("-padding-padding-padding\"");
        }
        return "{\"type\":\"object\",\"properties\":{\"mode\":{\"enum\":[" + values + "]}}}";
    }

    @Test
    void theCacheIsBoundedByTheHeapItsSchemasTakeNotTheirNumberAndCountsItsHitsAndMisses() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DataSize bound = DataSize.ofMegabytes(16);
        ManualTime time = new ManualTime();
        int length = largeSchema(0).length();
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()), meters, bound,
                DataSize.ofMegabytes(1), bound, time);
        int fits = (int) (bound.toBytes() / ((long) CompiledSchemas.HEAP_BYTES_PER_CHAR * length));

        for (int i = 0; i < fits * 2; i++) {
            String text = largeSchema(i);
            // A second's intake is the whole bound: every schema is offered, so this sees the bound alone.
            time.advance(Duration.ofSeconds(1));
            assertThat(compiledFor(schemas, Sha256.hex(text), () -> text).error()).isNull();
            // The bound holds as each schema is kept, not some time after.
            assertThat(meters.get("cache.size").tag("cache", "compiled_schemas").gauge().value())
                    .isLessThanOrEqualTo(fits).isGreaterThan(0);
        }
        compiledFor(schemas, Sha256.hex(largeSchema(0)), () -> largeSchema(0));

        assertThat(meters.get("cache.evictions").tag("cache", "compiled_schemas").functionCounter().count())
                .isGreaterThanOrEqualTo(fits - 1);
        assertThat(meters.get("cache.gets").tag("cache", "compiled_schemas").tag("result", "miss")
                .functionCounter().count()).isGreaterThanOrEqualTo(fits * 2);
    }

    @Test
    void aTextThatIsNotTheSchemaItsDigestNamesIsNeitherUsedNorKept() {
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()),
                new SimpleMeterRegistry(), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(1), TimeMeter.SYSTEM_NANOTIME);
        String named = "{\"type\":\"object\"}";
        String read = "{\"type\":\"string\"}";

        assertThat(compiledFor(schemas, Sha256.hex(named), () -> read).schema()).isNull();
        assertThat(compiledFor(schemas, Sha256.hex(named), () -> null).schema()).isNull();
        assertThat(compiledFor(schemas, Sha256.hex(named), () -> named).schema()
                .evaluate(new ObjectMapper().createObjectNode()).problems()).isEmpty();
    }

    @Test
    void aStoredTextThatCannotBeReadIsNoSchema() {
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()),
                new SimpleMeterRegistry(), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(1), TimeMeter.SYSTEM_NANOTIME);
        String deeper = "{\"a\":".repeat(2_000) + "{}" + "}".repeat(2_000);
        String truncated = "{\"type\":";

        for (String text : new String[] {deeper, truncated}) {
            CompiledSchemas.Compiled compiled = compiledFor(schemas, Sha256.hex(text), () -> text);
            assertThat(compiled.schema()).isNull();
            assertThat(compiled.error()).contains("cannot be read");
        }
    }

    @Test
    void aSchemaLetGoIsCompiledAgainFromItsKeptTextWithoutAskingForIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String text = largeSchema(1);
        // No compiled schema fits, so each is let go as soon as it is kept.
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()), meters,
                DataSize.ofBytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), TimeMeter.SYSTEM_NANOTIME);
        AtomicInteger asked = new AtomicInteger();
        Supplier<String> read = () -> {
            asked.incrementAndGet();
            return text;
        };

        compiledFor(schemas, Sha256.hex(text), read);
        CompiledSchemas.Compiled again = compiledFor(schemas, Sha256.hex(text), read);

        assertThat(again.schema().evaluate(new ObjectMapper().createObjectNode()
                .put("mode", "value-1-7-padding-padding-padding")).problems()).isEmpty();
        assertThat(again.schema().evaluate(new ObjectMapper().createObjectNode().put("mode", "other")).problems())
                .isNotEmpty();
        assertThat(asked).as("the text is read once").hasValue(1);
        assertThat(meters.get("cache.gets").tag("cache", "compiled_schemas").tag("result", "miss")
                .functionCounter().count()).as("compiled twice").isEqualTo(2);
    }

    @Test
    void aSetAsksForEachTextOnceWhileReadingAndNeverWhileJudging() {
        // Neither cache holds anything, so only the set itself can spare a second read or compile.
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()),
                new SimpleMeterRegistry(), DataSize.ofBytes(1), DataSize.ofBytes(1), DataSize.ofBytes(1),
                TimeMeter.SYSTEM_NANOTIME);
        String text = "{\"type\":\"object\",\"required\":[\"zone\"]}";
        AtomicInteger asked = new AtomicInteger();
        CompiledSchemas.SchemaSet set = schemas.forCall();

        set.read(Sha256.hex(text), () -> {
            asked.incrementAndGet();
            return text;
        });
        set.read(Sha256.hex(text), () -> {
            asked.incrementAndGet();
            return text;
        });
        CompiledSchemas.Compiled first = set.compiled(Sha256.hex(text));
        CompiledSchemas.Compiled unread = set.compiled(Sha256.hex("{}"));

        assertThat(asked).hasValue(1);
        assertThat(set.compiled(Sha256.hex(text))).as("compiled once for the call, though none is kept")
                .isSameAs(first);
        assertThat(first.schema().evaluate(new ObjectMapper().createObjectNode()).problems()).hasSize(1);
        assertThat(unread.schema()).isNull();
        assertThat(unread.error()).contains("not read before judging");
    }

    @Test
    void aSchemaThatWouldEvictAnotherIsOfferedWithinTheIntakePerSecondOrWhenInUseAndServesItsCallEither() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ManualTime time = new ManualTime();
        // Two-digit numbers: every schema has the same length, so the same weight.
        long weight = (long) CompiledSchemas.HEAP_BYTES_PER_CHAR * largeSchema(10).length();
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()), meters,
                DataSize.ofBytes(10 * weight), DataSize.ofMegabytes(4), DataSize.ofBytes(2 * weight), time);

        for (int i = 10; i < 24; i++) {
            String text = largeSchema(i);
            assertThat(compiledFor(schemas, Sha256.hex(text), () -> text).error()).isNull();
        }
        assertThat(kept(meters)).as("ten fit, and were offered whatever the intake").isEqualTo(10);
        assertThat(evicted(meters)).as("a second's intake: two more offered, each evicting one").isEqualTo(2);
        assertThat(declined(meters)).isEqualTo(2);

        time.advance(Duration.ofMillis(200));
        CompiledSchemas.Compiled served = compiledFor(schemas, Sha256.hex(largeSchema(23)), () -> null);
        assertThat(served.schema().evaluate(new ObjectMapper().createObjectNode().put("mode", "other")).problems())
                .as("a schema not kept is compiled again from its kept text").isNotEmpty();
        assertThat(declined(meters)).isEqualTo(3);

        compiledFor(schemas, Sha256.hex(largeSchema(23)), () -> null);
        assertThat(declined(meters)).as("compiled again within %s, it is in use", CompiledSchemas.IN_USE)
                .isEqualTo(3);
        assertThat(evicted(meters)).as("and offered whatever the intake").isEqualTo(3);

        time.advance(Duration.ofSeconds(1));
        for (int i = 24; i < 27; i++) {
            String text = largeSchema(i);
            compiledFor(schemas, Sha256.hex(text), () -> text);
        }
        assertThat(evicted(meters)).as("a second's intake, no more").isEqualTo(5);
        assertThat(declined(meters)).isEqualTo(4);
    }

    @Test
    void anIntakeThatCouldNotBeRefilledIsRefusedAtStart() {
        for (DataSize intake : new DataSize[] {DataSize.ofBytes(0), DataSize.ofGigabytes(1)}) {
            assertThatThrownBy(() -> new CompiledSchemas(new ConfigSchemaCompiler(new ObjectMapper()),
                    new SimpleMeterRegistry(), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), intake,
                    TimeMeter.SYSTEM_NANOTIME))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("intake-per-second");
        }
    }

    private static double kept(SimpleMeterRegistry meters) {
        return meters.get("cache.size").tag("cache", "compiled_schemas").gauge().value();
    }

    private static double evicted(SimpleMeterRegistry meters) {
        return meters.get("cache.evictions").tag("cache", "compiled_schemas").functionCounter().count();
    }

    private static double declined(SimpleMeterRegistry meters) {
        return meters.get("cache.declined").tag("cache", "compiled_schemas").counter().count();
    }

    /** The intake's clock, moved by the test. */
    private static final class ManualTime implements TimeMeter {

        private long nanos;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
