package org.vas.registry.assignment.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Schemas whose evaluation cannot be bounded are refused when the version is added, and whatever reaches
 * evaluation anyway (a schema stored before the bounds, parameters that cannot be compared or matched in bounded
 * time) ends as {@code valid: false}, on the single and the batch endpoint, never as a 500.
 */
@RegistryTest
class CostlySchemaApiTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    /** Raw JSON texts, so that numbers and keys reach the registry exactly as an attacker writes them. */
    static List<String> unboundedSchemas() {
        List<String> schemas = new ArrayList<>();
        schemas.add("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}");
        schemas.add("{\"$defs\": {\"a\": {\"$ref\": \"#/%24defs/a\"}}, \"$ref\": \"#/%24defs/a\"}");
        schemas.add("{\"$id\": \"urn:example:self\", \"$ref\": \"urn:example:self\"}");
        schemas.add("{\"$id\": \"https://example.com/s\", \"$defs\": {\"a\": {\"$ref\": "
                + "\"https://example.com/s#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}");
        schemas.add("{\"$ref\": \"\"}");
        schemas.add("{\"$defs\": {\"a\": {\"$anchor\": \"x\", \"$ref\": \"#x\"}}, \"$ref\": \"#x\"}");
        StringBuilder chain = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < 3_000; i++) {
            chain.append("\"d").append(i).append("\": {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}, ");
        }
        schemas.add(chain.append("\"d3000\": {\"type\": \"object\"}}, \"$ref\": \"#/$defs/d0\"}").toString());
        StringBuilder doubling = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < 24; i++) {
            doubling.append("\"d").append(i).append("\": {\"allOf\": [{\"$ref\": \"#/$defs/d").append(i + 1)
                    .append("\"}, {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}]}, ");
        }
        schemas.add(doubling.append("\"d24\": {\"type\": \"object\"}}, \"$ref\": \"#/$defs/d0\"}").toString());
        schemas.add("{\"type\": \"object\", " + "\"properties\": {\"a\": {".repeat(40) + "\"type\": \"string\""
                + "}}".repeat(40) + "}");
        schemas.add("{\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\", "
                + "\"pattern\": \"((a{100}){100}){100}\"}}}");
        schemas.add("{\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \""
                + "(ab|cd)".repeat(15_000) + "\"}}}");
        schemas.add("{\"type\": \"object\", \"patternProperties\": {\"((a{100}){100}){100}\": {}}}");
        schemas.add("{\"type\": \"object\", \"properties\": {\"n\": {\"multipleOf\": 1e400}}}");
        schemas.add("{\"type\": \"object\", \"properties\": {\"n\": {\"enum\": [" + "9".repeat(900) + "]}}}");
        return schemas;
    }

    @Test
    void aSchemaWhoseEvaluationCannotBeBoundedIsRefusedWhenTheVersionIsAddedAndNothingIsWritten() {
        String id = Api.uniqueId("costly");
        api.register(id);
        for (String schema : unboundedSchemas()) {
            Api.Response response = api.post(MODELS + "/" + id + "/versions",
                    "{\"version\": \"1.0.0\", \"config_schema\": " + schema + "}");

            assertThat(response.status()).as(shorten(schema) + " -> " + response).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("INVALID_CONFIG_SCHEMA");
            assertThat(response.json().get("field").asText()).startsWith("config_schema");
        }
        assertThat(api.get(MODELS + "/" + id).json().get("versions")).as("versions written").isEmpty();
    }

    @Test
    void numbersBeyondWhatCanBeComparedAreInvalidParametersNotAServerError() {
        String id = enabledModelWithSchema("{\"type\": \"object\", \"properties\": {"
                + "\"step\": {\"type\": \"number\", \"multipleOf\": 0.5}, \"mode\": {\"enum\": [1, 2]}, "
                + "\"fixed\": {\"const\": 1}}}");
        String huge = "9".repeat(900);
        for (String parameters : List.of("{\"step\": 1e400}", "{\"step\": " + huge + "}", "{\"mode\": -1e400}",
                "{\"mode\": " + huge + ".5}", "{\"fixed\": 1e400}", "{\"fixed\": " + huge + "}")) {
            for (JsonNode result : bothEndpoints(id, parameters)) {
                assertThat(result.get("valid").asBoolean()).as(parameters).isFalse();
                assertThat(codes(result)).as(parameters).containsExactly("INVALID_PARAMETERS");
                assertThat(result.at("/violations/0/field").asText()).as(parameters).startsWith("parameters.");
            }
        }
        assertThat(bothEndpoints(id, "{\"step\": 1.5, \"mode\": 2, \"fixed\": 1}"))
                .allSatisfy(result -> assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue());
    }

    @Test
    void aStringTooLongToMatchInBoundedTimeIsInvalidParametersAndAnsweredAtOnce() {
        String id = enabledModelWithSchema("{\"type\": \"object\", \"properties\": {"
                + "\"name\": {\"type\": \"string\", \"pattern\": \"(.*a){50}\"}}}");
        String parameters = "{\"name\": \"" + "a".repeat(100_000) + "!\"}";

        long started = System.nanoTime();
        List<JsonNode> results = bothEndpoints(id, parameters);
        long millis = (System.nanoTime() - started) / 1_000_000;

        for (JsonNode result : results) {
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(codes(result)).containsExactly("INVALID_PARAMETERS");
        }
        assertThat(millis).as("two validations took").isLessThan(1_000);
        assertThat(bothEndpoints(id, "{\"name\": \"" + "a".repeat(50) + "\"}"))
                .allSatisfy(result -> assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue());
    }

    @Test
    void aSchemaStoredBeforeTheBoundsExistedIsUnavailableNotAServerError() {
        for (String stored : List.of("{\"$defs\": {\"a\": {\"$ref\": \"#/%24defs/a\"}}, \"$ref\": \"#/%24defs/a\"}",
                "{\"$id\": \"urn:example:self\", \"$ref\": \"urn:example:self\"}",
                "{\"type\": \"object\", \"properties\": {\"s\": {\"pattern\": \"((a{100}){100}){100}\"}}}")) {
            String id = enabledModelWithSchema("{\"type\": \"object\"}");
            jdbc.update("UPDATE model_version SET config_schema = ?::json WHERE model_id = ?", stored, id);

            for (JsonNode result : bothEndpoints(id, "{\"s\": \"a\"}")) {
                assertThat(result.get("valid").asBoolean()).as(stored).isFalse();
                assertThat(codes(result)).as(stored).containsExactly("SCHEMA_UNAVAILABLE");
            }
        }
    }

    private String enabledModelWithSchema(String schema) {
        String id = Api.uniqueId("costly");
        api.register(id);
        Api.Response added = api.post(MODELS + "/" + id + "/versions",
                "{\"version\": \"1.0.0\", \"config_schema\": " + schema + "}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        api.post(MODELS + "/" + id + "/enable", null);
        return id;
    }

    /** The same assignment through the single and the batch endpoint; both must answer 200. */
    private List<JsonNode> bothEndpoints(String id, String parameters) {
        String assignment = "{\"camera_id\": \"" + CAMERA + "\", \"model_id\": \"" + id + "\", \"parameters\": "
                + parameters + "}";
        Api.Response single = api.post(MODELS + "/validate-assignment", assignment);
        Api.Response batch = api.post(MODELS + "/validate-assignments", "{\"assignments\": [" + assignment + "]}");
        assertThat(single.status()).as(shorten(parameters) + " -> " + shorten(single.toString())).isEqualTo(200);
        assertThat(batch.status()).as(shorten(parameters) + " -> " + shorten(batch.toString())).isEqualTo(200);
        return List.of(single.json(), batch.json().get("results").get(0));
    }

    private static List<String> codes(JsonNode result) {
        List<String> codes = new ArrayList<>();
        result.get("violations").forEach(v -> codes.add(v.get("code").asText()));
        return codes;
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + ")";
    }
}
