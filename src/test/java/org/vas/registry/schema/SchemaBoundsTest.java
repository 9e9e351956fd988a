package org.vas.registry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.InvalidInputException;

/** The bounds on a config_schema and on one evaluation, without the registry around them: milliseconds. */
class SchemaBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigSchemaCompiler compiler = new ConfigSchemaCompiler(JSON);

    @Test
    void aReferenceLoopIsRefusedWhateverItsSpelling() {
        for (String looping : new String[] {
                "{\"$defs\": {\"a\": {\"$ref\": \"#/%24defs/a\"}}, \"$ref\": \"#/%24defs/a\"}",
                "{\"$defs\": {\"a b\": {\"$ref\": \"#/$defs/a%20b\"}}, \"$ref\": \"#/$defs/a%20b\"}",
                "{\"definitions\": {\"a\": {\"not\": {\"$ref\": \"#/definitions/a\"}}}, \"$ref\": \"#/definitions/a\"}",
                "{\"$defs\": {\"a\": {\"if\": {\"$ref\": \"#\"}}}, \"allOf\": [{\"$ref\": \"#/$defs/a\"}]}",
                "{\"properties\": {\"x\": {\"$ref\": \"#/properties/x\"}}}",
                "{\"x-defs\": {\"a\": {\"$ref\": \"#/x-defs/a\"}}, \"$ref\": \"#/x-defs/a\"}"}) {
            assertRefused(looping, "config_schema");
        }
    }

    @Test
    void referencesOtherThanAPointerIntoTheSchemaAreRefusedNamingTheField() {
        assertRefused("{\"$ref\": \"\"}", "config_schema.$ref");
        assertRefused("{\"$id\": \"urn:example:self\", \"$ref\": \"urn:example:self\"}", "config_schema.$ref");
        assertRefused("{\"$id\": \"https://example.com/s\", \"$defs\": {\"a\": {\"$ref\": "
                + "\"https://example.com/s#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}", "config_schema.$defs.a.$ref");
        assertRefused("{\"$defs\": {\"a\": {\"$anchor\": \"x\"}}, \"$ref\": \"#x\"}", "config_schema.$ref");
        assertRefused("{\"$defs\": {\"a\": {\"$anchor\": \"x\"}}}", "config_schema.$defs.a.$anchor");
        assertRefused("{\"$defs\": {\"a\": {\"$id\": \"a.json\"}}}", "config_schema.$defs.a.$id");
        assertRefused("{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"properties\": {\"a\": "
                + "{\"id\": \"a.json\"}}}", "config_schema.properties.a.id");
        assertRefused("{\"$dynamicRef\": \"#meta\"}", "config_schema.$dynamicRef");
        assertRefused("{\"$defs\": {\"a+b\": {}}, \"$ref\": \"#/$defs/a+b\"}", "config_schema.$ref");
        assertRefused("{\"$defs\": {\"a\": {}}, \"$ref\": \"#/$defs%2Fa\"}", "config_schema.$ref");
        assertRefused("{\"$ref\": \"#/$defs/missing\"}", "config_schema.$ref");
        assertRefused("{\"enum\": [{\"type\": \"string\"}], \"$ref\": \"#/enum/0\"}", "config_schema.$ref");
    }

    @Test
    void longChainsAndDefinitionsThatDoubleTheWorkAreRefused() {
        StringBuilder chain = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < 3_000; i++) {
            chain.append("\"d").append(i).append("\": {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}, ");
        }
        assertRefused(chain.append("\"d3000\": {}}, \"$ref\": \"#/$defs/d0\"}").toString(), "config_schema");
        StringBuilder shortChain = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < 20; i++) {
            shortChain.append("\"d").append(i).append("\": {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}, ");
        }
        assertRefused(shortChain.append("\"d20\": {}}, \"$ref\": \"#/$defs/d0\"}").toString(), "config_schema");
        assertRefused(doubling(9), "config_schema");
        compiler.check(json(doubling(6)));
    }

    @Test
    void sizeDepthReferenceCountAndNumbersAreBounded() {
        assertRefused("{\"description\": \"" + "x".repeat(SchemaBounds.MAX_SIZE) + "\"}", "config_schema");
        assertRefused("{" + "\"properties\": {\"a\": {".repeat(17) + "}}".repeat(17) + "}", "config_schema.properties");
        StringBuilder refs = new StringBuilder("{\"$defs\": {\"n\": {}}, \"properties\": {");
        for (int i = 0; i <= SchemaBounds.MAX_REFS; i++) {
            refs.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": {\"$ref\": \"#/$defs/n\"}");
        }
        assertRefused(refs.append("}}").toString(), "config_schema.properties");
        assertRefused("{\"multipleOf\": 1e400}", "config_schema.multipleOf");
        assertRefused("{\"enum\": [" + "9".repeat(900) + "]}", "config_schema.enum[0]");
        assertRefused("{\"properties\": {\"enum\": {\"$ref\": \"#/properties/enum\"}}}", "config_schema");
    }

    @Test
    void patternsAreBoundedBeforeTheyAreCompiled() {
        assertThat(LinearTimeRegex.estimatedSize("((a{100}){100}){100}")).isGreaterThan(1_000_000);
        assertThat(LinearTimeRegex.estimatedSize("((a{1000}){1000}){1000}{1000}")).isGreaterThan(1_000_000_000L);
        assertThat(LinearTimeRegex.estimatedSize("[(]{1000}(\\(){1000}")).isGreaterThanOrEqualTo(2_000);
        assertThat(LinearTimeRegex.estimatedSize("^[0-9a-f]{8}-[0-9a-f]{4}$")).isLessThan(100);

        long started = System.nanoTime();
        assertRefused("{\"properties\": {\"s\": {\"pattern\": \"((a{1000}){1000}){1000}\"}}}",
                "config_schema.properties.s.pattern");
        assertRefused("{\"patternProperties\": {\"((a{100}){100}){100}\": {}}}", "config_schema.patternProperties");
        assertRefused("{\"pattern\": \"" + "(ab|cd)".repeat(200) + "\"}", "config_schema.pattern");
        assertRefused("{\"pattern\": \"[a-z]{600}\"}", "config_schema.pattern");
        assertThat((System.nanoTime() - started) / 1_000_000).as("refusing took, ms").isLessThan(1_000);
        compiler.check(json("{\"pattern\": \"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$\"}"));
    }

    @Test
    void parametersThatCannotBeCheckedAreUncheckableNotAnException() {
        ConfigSchema schema = compiler.compile(json("{\"properties\": {\"n\": {\"multipleOf\": 0.5, \"enum\": [1]},"
                + " \"s\": {\"pattern\": \"(.*a){50}\"}, \"t\": {\"$ref\": \"#\"}}}"));
        String deep = "{\"t\": ".repeat(40) + "{}" + "}".repeat(40);

        for (String parameters : new String[] {"{\"n\": 1e400}", "{\"n\": " + "9".repeat(900) + "}",
                "{\"s\": \"" + "a".repeat(100_000) + "\"}", deep}) {
            long started = System.nanoTime();
            ConfigSchema.Evaluation evaluation = schema.evaluate(json(parameters));
            assertThat(evaluation.outcome()).as(parameters.substring(0, Math.min(20, parameters.length()))).isEqualTo(ConfigSchema.Outcome.UNCHECKABLE);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(100);
        }
        assertThat(schema.evaluate(json("{\"n\": 1e400}")).location()).isEqualTo("$.n");
        assertThat(schema.evaluate(json("{\"x\": 1, \"y\": [{\"z\": [2, 1e400]}]}")).location())
                .isEqualTo("$.y[0].z[1]");
        assertThat(schema.evaluate(json(deep)).location()).isEqualTo("$" + ".t".repeat(33));
    }

    @Test
    void manyMatchesTogetherExhaustTheBudgetOfOneEvaluation() {
        ConfigSchema schema = compiler.compile(json("{\"additionalProperties\": {\"pattern\": \"(.*a){50}\"}}"));
        StringBuilder parameters = new StringBuilder("{");
        for (int i = 0; i < 2_000; i++) {
            parameters.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": \"").append("a".repeat(900))
                    .append("\"");
        }

        long started = System.nanoTime();
        ConfigSchema.Evaluation evaluation = schema.evaluate(json(parameters.append("}").toString()));

        assertThat(evaluation.outcome()).isEqualTo(ConfigSchema.Outcome.UNCHECKABLE);
        assertThat(evaluation.reason()).contains("more pattern matching");
        assertThat((System.nanoTime() - started) / 1_000_000).as("evaluation took, ms").isLessThan(2_000);
        assertThat(schema.evaluate(json("{\"p\": \"" + "a".repeat(900) + "\"}")).problems()).isEmpty();
    }

    @Test
    void theProductOfSchemaAndParametersIsBoundedByCountingTheSubschemasApplied() {
        StringBuilder branches = new StringBuilder("{\"properties\": {\"a\": {\"items\": {\"anyOf\": [");
        for (int i = 0; i < 255; i++) {
            branches.append(i == 0 ? "" : ", ").append("{\"const\": ").append(1_000 + i).append("}");
        }
        ConfigSchema wide = compiler.compile(json(branches.append("]}}}}").toString()));
        ConfigSchema fanOut = compiler.compile(json("{\"allOf\": [" + String.join(", ",
                Collections.nCopies(10, "{\"properties\": {\"x\": {\"$ref\": \"#\"}}}")) + "]}"));
        ConfigSchema hiddenFanOut = compiler.compile(json("{\"x-defs\": {\"a\": {\"allOf\": [" + String.join(", ",
                Collections.nCopies(10, "{\"properties\": {\"x\": {\"$ref\": \"#/x-defs/a\"}}}"))
                + "]}}, \"$ref\": \"#/x-defs/a\"}"));

        long started = System.nanoTime();
        ConfigSchema.Evaluation items = wide.evaluate(json("{\"a\": [" + "1, ".repeat(4_999) + "1]}"));
        ConfigSchema.Evaluation nested = fanOut.evaluate(json("{\"x\": ".repeat(30) + "{}" + "}".repeat(30)));
        ConfigSchema.Evaluation hidden = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                hiddenFanOut.evaluate(json("{\"x\": ".repeat(30) + "{}" + "}".repeat(30))));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(items.outcome()).isEqualTo(ConfigSchema.Outcome.UNCHECKABLE);
        assertThat(nested.outcome()).isEqualTo(ConfigSchema.Outcome.UNCHECKABLE);
        assertThat(hidden.outcome()).isEqualTo(ConfigSchema.Outcome.UNCHECKABLE);
        assertThat(items.reason()).contains("subschemas");
        assertThat(millis).as("both evaluations took, ms").isLessThan(3_000);
        assertThat(wide.evaluate(json("{\"a\": [1000, 1254]}")).problems()).isEmpty();
        assertThat(fanOut.evaluate(json("{\"x\": {\"x\": {}}}")).problems()).isEmpty();
    }

    @Test
    void anyFailureOfTheLibraryWhileEvaluatingIsAFailedEvaluation() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        ConfigSchema storedBeforeTheBounds = new ConfigSchema(factory.getSchema(json(
                "{\"$defs\": {\"a\": {\"$ref\": \"#/%24defs/a\"}}, \"$ref\": \"#/%24defs/a\"}")));
        ConfigSchema storedWithASelfId = new ConfigSchema(factory.getSchema(json(
                "{\"$id\": \"urn:example:self\", \"$ref\": \"urn:example:self\"}")));

        assertThat(storedBeforeTheBounds.evaluate(json("{}")).outcome()).isEqualTo(ConfigSchema.Outcome.FAILED);
        assertThat(storedWithASelfId.evaluate(json("3")).outcome()).isEqualTo(ConfigSchema.Outcome.FAILED);
    }

    private static String doubling(int steps) {
        StringBuilder doubling = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < steps; i++) {
            doubling.append("\"d").append(i).append("\": {\"allOf\": [{\"$ref\": \"#/$defs/d").append(i + 1)
                    .append("\"}, {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}]}, ");
        }
        return doubling.append("\"d").append(steps).append("\": {}}, \"$ref\": \"#/$defs/d0\"}").toString();
    }

    private void assertRefused(String schema, String field) {
        assertThatThrownBy(() -> compiler.check(json(schema))).as(schema.length() > 200 ? schema.substring(0, 200) : schema)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    InvalidInputException refused = (InvalidInputException) e;
                    assertThat(refused.code()).isEqualTo("INVALID_CONFIG_SCHEMA");
                    assertThat(refused.field()).startsWith(field);
                });
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
