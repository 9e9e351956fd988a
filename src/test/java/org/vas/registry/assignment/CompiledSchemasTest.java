package org.vas.registry.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.Sha256;
import org.springframework.util.unit.DataSize;
import org.vas.registry.schema.ConfigSchema;
import org.vas.registry.schema.ConfigSchemaCompiler;

class CompiledSchemasTest {

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
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(), new ObjectMapper(), meters, bound);
        int length = largeSchema(0).length();
        int fits = (int) (bound.toBytes() / ((long) CompiledSchemas.HEAP_BYTES_PER_CHAR * length));

        for (int i = 0; i < fits * 2; i++) {
            String text = largeSchema(i);
            assertThat(schemas.get(Sha256.hex(text), () -> text).error()).isNull();
        }
        schemas.get(Sha256.hex(largeSchema(0)), () -> largeSchema(0));

        double size = meters.get("cache.size").tag("cache", "compiled_schemas").gauge().value();
        assertThat(size).isLessThanOrEqualTo(fits).isGreaterThan(0);
        assertThat(meters.get("cache.evictions").tag("cache", "compiled_schemas").functionCounter().count())
                .isGreaterThanOrEqualTo(fits - 1);
        assertThat(meters.get("cache.gets").tag("cache", "compiled_schemas").tag("result", "miss")
                .functionCounter().count()).isGreaterThanOrEqualTo(fits * 2);
    }

    @Test
    void aTextThatIsNotTheSchemaItsDigestNamesIsNeitherUsedNorKept() {
        CompiledSchemas schemas = new CompiledSchemas(new ConfigSchemaCompiler(), new ObjectMapper(),
                new SimpleMeterRegistry(), DataSize.ofMegabytes(1));
        String named = "{\"type\":\"object\"}";
        String read = "{\"type\":\"string\"}";

        assertThat(schemas.get(Sha256.hex(named), () -> read).schema()).isNull();
        assertThat(schemas.get(Sha256.hex(named), () -> null).schema()).isNull();
        assertThat(schemas.get(Sha256.hex(named), () -> named).schema()
                .evaluate(new ObjectMapper().createObjectNode()).problems()).isEmpty();
    }

    @Test
    void aSchemaCompiledAgainIsNotCheckedAgainstItsMetaSchemaAgainAndOneThatFailedTheCheckStaysRefused() {
        List<String> checks = new ArrayList<>();
        ConfigSchemaCompiler compiler = new ConfigSchemaCompiler() {
            @Override
            public ConfigSchema compile(JsonNode declared) {
                checks.add("with its meta-schema " + declared);
                return super.compile(declared);
            }

            @Override
            public ConfigSchema compileAccepted(JsonNode declared) {
                checks.add("without " + declared);
                return super.compileAccepted(declared);
            }
        };
        // A bound smaller than any schema: each compiled schema is dropped soon after it is kept.
        CompiledSchemas schemas = new CompiledSchemas(compiler, new ObjectMapper(), new SimpleMeterRegistry(),
                DataSize.ofBytes(1));
        String good = "{\"type\":\"object\"}";
        String broken = "{\"type\":\"no-such-type\"}";

        for (int i = 0; i < 200; i++) {
            String other = "{\"type\":\"object\",\"title\":\"" + i + "\"}";
            assertThat(schemas.get(Sha256.hex(other), () -> other).error()).isNull();
            assertThat(schemas.get(Sha256.hex(good), () -> good).error()).isNull();
            assertThat(schemas.get(Sha256.hex(broken), () -> broken).schema()).isNull();
        }

        List<String> ofGood = checks.stream().filter(check -> check.endsWith(good)).toList();
        assertThat(ofGood).hasSizeGreaterThan(1);
        assertThat(ofGood.get(0)).startsWith("with its meta-schema");
        assertThat(ofGood.subList(1, ofGood.size())).allMatch(check -> check.startsWith("without"));
        assertThat(checks.stream().filter(check -> check.endsWith(broken)))
                .hasSizeGreaterThan(1).allMatch(check -> check.startsWith("with its meta-schema"));
    }
}
