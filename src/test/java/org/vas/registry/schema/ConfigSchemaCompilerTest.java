package org.vas.registry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.Sha256;

class ConfigSchemaCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigSchemaCompiler compiler = new ConfigSchemaCompiler(JSON);
    /** What {@link #counting} checked, in order: "bounds " or "meta-schema " and the schema. */
    private final List<String> checks = new ArrayList<>();
    private final ConfigSchemaCompiler counting = new ConfigSchemaCompiler(JSON) {
        @Override
        void checkBounds(ObjectNode schema) {
            checks.add("bounds " + schema);
            super.checkBounds(schema);
        }

        @Override
        void checkAgainstMetaSchema(ObjectNode schema) {
            checks.add("meta-schema " + schema);
            super.checkAgainstMetaSchema(schema);
        }
    };

    @Test
    void theGeoFencingManifestsShorthandTranslatesIntoAWorkingSchema() throws Exception {
        JsonNode shorthand;
        try (InputStream in = getClass().getResourceAsStream("/manifests/contract-v1.0.0/geo_fencing/1.0.0/model.yaml")) {
            shorthand = new ObjectMapper(new YAMLFactory()).readTree(in).get("config_schema");
        }
        assertThat(ShorthandSchema.isShorthand(shorthand)).isTrue();

        ConfigSchema schema = compiler.compile(shorthand);

        assertThat(problems(schema, "{\"zones\": [{\"id\": \"a\", \"points\": [[1, 2]], \"type\": \"allowed\"}]}"))
                .isEmpty();
        assertThat(problems(schema, "{\"zones\": [{\"points\": [[\"x\"]]}]}")).hasSize(1);
        assertThat(problems(schema, "{\"zones\": [], \"extra\": 1}")).hasSize(1);
    }

    /**
     * On the common fork-join pool a thread's context class loader is the system class loader, which cannot see a
     * packaged application's libraries, where the meta-schemas are.
     */
    @Test
    void aSchemaCompilesOnAThreadWhoseContextClassLoaderCannotSeeTheMetaSchemas() throws Exception {
        ConfigSchemaCompiler fresh = new ConfigSchemaCompiler(JSON);
        JsonNode declared = JSON.readTree("{\"type\": \"object\", \"properties\": {\"zone\": {\"type\": \"string\", "
                + "\"format\": \"uuid\"}}}");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        });
        ConfigSchema schema;
        try {
            schema = fresh.compile(declared);
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(problems(schema, "{\"zone\": \"dock\"}")).isEmpty();
        assertThat(problems(schema, "{\"zone\": 1}")).hasSize(1);
    }

    @Test
    void shorthandAliasesRequiredFlagsAndNullableEnumsTranslate() {
        ObjectNodeAssert translated = new ObjectNodeAssert(ShorthandSchema.translate(json("""
                {"threshold": {"type": "float", "min": 0, "max": 1, "required": true},
                 "mode": {"type": "string", "enum": ["a", null]},
                 "type": {"type": "str"}}""")));

        translated.at("/properties/threshold/type", "\"number\"");
        translated.at("/properties/threshold/minimum", "0");
        translated.at("/properties/threshold/maximum", "1");
        translated.at("/required", "[\"threshold\"]");
        translated.at("/properties/mode/type", "[\"string\",\"null\"]");
        translated.at("/properties/type/type", "\"string\"");
        translated.at("/additionalProperties", "false");
    }

    @Test
    void aRealJsonSchemaIsNotMistakenForShorthand() {
        assertThat(ShorthandSchema.isShorthand(json("{\"type\": \"object\", \"properties\": {\"a\": {}}}"))).isFalse();
        assertThat(ShorthandSchema.isShorthand(json("{\"properties\": {\"a\": {\"type\": \"string\"}}}"))).isFalse();
        assertThat(ShorthandSchema.isShorthand(json("{}"))).isFalse();
        assertThat(ShorthandSchema.isShorthand(json("{\"properties\": {\"type\": \"object\"}}"))).isTrue();
    }

    @Test
    void aCatastrophicBacktrackingPatternAnswersAtOnceInsteadOfHoldingTheThread() {
        ConfigSchema schema = compiler.compile(json(
                "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"},"
                        + " \"code\": {\"type\": \"string\", \"pattern\": \"^(\\\\w+\\\\s?)*$\"}}}"));
        String evil = "a".repeat(998) + "!";
        String words = "word ".repeat(199) + "!";

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(schema.evaluate(JSON.createObjectNode().put("name", evil)).problems()).hasSize(1);
            assertThat(schema.evaluate(JSON.createObjectNode().put("code", words)).problems()).hasSize(1);
            assertThat(schema.evaluate(JSON.createObjectNode().put("name", "aaaa")).problems()).isEmpty();
        });
    }

    @Test
    void patternsThatNeedBacktrackingAreRefusedRatherThanHalfChecked() {
        assertThatThrownBy(() -> compiler.compile(json(
                "{\"type\": \"string\", \"pattern\": \"^(a)\\\\1$\"}")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> compiler.compile(json(
                "{\"type\": \"string\", \"pattern\": \"^(?=a)a$\"}")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void referencesThatLoopOnTheSameValueAreRefusedWhileRecursionIntoTheValueCompiles() {
        for (String looping : new String[] {"{\"$ref\": \"#\"}",
                "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"allOf\": [{\"$ref\": \"#/$defs/a\"}]}},"
                        + " \"properties\": {\"x\": {\"$ref\": \"#/$defs/a\"}}}"}) {
            assertThatThrownBy(() -> compiler.compile(json(looping))).as(looping)
                    .isInstanceOf(InvalidInputException.class);
        }
        ConfigSchema tree = compiler.compile(json("{\"type\": \"object\", \"properties\": {\"children\": "
                + "{\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}}}"));
        assertThat(problems(tree, "{\"children\": [{\"children\": []}]}")).isEmpty();
        assertThat(problems(tree, "{\"children\": [{\"children\": 1}]}")).hasSize(1);
    }

    @Test
    void brokenSchemasAreRefused() {
        for (String broken : new String[] {
                "[]",
                "{\"type\": \"objekt\"}",
                "{\"zones\": {\"type\": \"polygon\"}}",
                "{\"zones\": {\"type\": \"array\", \"items\": 7}}",
                "{\"$ref\": \"https://example.invalid/schema.json\"}",
                "{\"$ref\": \"classpath:application.properties\"}",
                "{\"$schema\": \"https://example.invalid/my-dialect\"}",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}"}) {
            assertThatThrownBy(() -> compiler.compile(json(broken))).as(broken)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("INVALID_CONFIG_SCHEMA");
        }
    }

    @Test
    void localReferencesAndOlderDialectsCompile() {
        compiler.check(json("{\"$defs\": {\"n\": {\"type\": \"number\"}}, \"type\": \"object\", "
                + "\"properties\": {\"a\": {\"$ref\": \"#/$defs/n\"}}}"));
        compiler.check(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\"}"));
    }

    private static List<?> problems(ConfigSchema schema, String parameters) {
        ConfigSchema.Evaluation evaluation = schema.evaluate(json(parameters));
        assertThat(evaluation.outcome()).isEqualTo(ConfigSchema.Outcome.CHECKED);
        return evaluation.problems();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record ObjectNodeAssert(JsonNode node) {
        void at(String pointer, String expectedJson) {
            assertThat(node.at(pointer).toString()).as(pointer).isEqualTo(expectedJson);
        }
    }

    @Test
    void aStoredSchemaIsCheckedOnceAndOnesThatFailTheirChecksAreCheckedEachTime() throws Exception {
        String good = "{\"zones\": {\"type\": \"array\", \"items\": {\"type\": \"object\"}}}";
        String broken = "{\"type\":\"no-such-type\"}";
        StringBuilder deep = new StringBuilder("{\"type\":\"object\"}");
        for (int i = 0; i < 100; i++) {
            deep.insert(0, "{\"not\":").append('}');
        }

        for (int i = 0; i < 3; i++) {
            assertThat(problems(counting.compileStored(good), "{\"zones\":[{}]}")).isEmpty();
            assertThat(problems(counting.compileStored(good), "{\"zones\":[1]}")).isNotEmpty();
            assertThatThrownBy(() -> counting.compileStored(broken))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> counting.compileStored(deep.toString()))
                    .isInstanceOf(InvalidInputException.class);
        }

        assertThat(checks).filteredOn(check -> check.startsWith("bounds {\"type\":\"object\",\"properties\""))
                .hasSize(1);
        assertThat(checks).filteredOn(check -> check.startsWith("meta-schema {\"type\":\"object\",\"properties\""))
                .hasSize(1);
        assertThat(checks).filteredOn(("meta-schema " + broken)::equals).hasSize(3);
        assertThat(checks).filteredOn(check -> check.startsWith("bounds {\"not\"")).hasSize(3);
    }

    @Test
    void aDeclaredSchemaWithoutAStoredTextIsCheckedWholeEveryTime() throws Exception {
        String declared = "{\"type\":\"object\"}";

        counting.compile(json(declared));
        counting.compileStored(declared);
        counting.compile(json(declared));

        assertThat(checks).containsExactly("bounds " + declared, "meta-schema " + declared, "bounds " + declared,
                "meta-schema " + declared, "bounds " + declared, "meta-schema " + declared);
    }

    @Test
    void storedTextsWithUnpairedSurrogatesAreCheckedEveryTimeSinceTheirDigestsCanCoincide() throws Exception {
        String high = "{\"properties\":{\"\uD800\":{\"type\":\"object\"}}}";
        String low = "{\"properties\":{\"\uDC00\":{\"type\":\"object\"}}}";
        assertThat(Sha256.hex(high)).isEqualTo(Sha256.hex(low));

        counting.compileStored(high);
        counting.compileStored(low);

        assertThat(checks).filteredOn(check -> check.startsWith("bounds")).hasSize(2);
    }
}
