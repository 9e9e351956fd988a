package org.vas.registry.assignment.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class AssignmentValidationApiTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anAssignmentToAnEnabledModelWithValidParametersIsValid() throws IOException {
        String id = geoFencingFromTheRealManifest();
        api.post(MODELS + "/" + id + "/enable", null);

        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 10, "priority", 50,
                "enabled", true, "parameters", Map.of("zones", List.of(Map.of("id", "z1", "name", "Dock",
                        "points", List.of(List.of(0, 0), List.of(10, 0), List.of(10, 10)), "type", "restricted")))));

        assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("resolved_version").asText()).isEqualTo("1.0.0");
        assertThat(result.get("violations")).isEmpty();
    }

    @Test
    void modelsThatDeclareTheSameSchemaShareOneCompiledCopyAndEachIsStillChecked() {
        Map<String, Object> schema = Map.of("type", "object", "properties",
                Map.of(Api.uniqueId("threshold"), Map.of("type", "number", "maximum", 1)));
        String property = ((Map<?, ?>) schema.get("properties")).keySet().iterator().next().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = Api.uniqueId("shared-schema");
            api.register(id);
            assertThat(api.addVersion(id, "1.0.0", 30, schema).status()).isEqualTo(201);
            api.post(MODELS + "/" + id + "/enable", null);
            ids.add(id);
        }

        double missesBefore = compiledSchemaMisses();
        JsonNode first = validate(Map.of("camera_id", CAMERA, "model_id", ids.get(0), "parameters",
                Map.of(property, 0.5)));
        double missesAfterFirst = compiledSchemaMisses();
        JsonNode second = validate(Map.of("camera_id", CAMERA, "model_id", ids.get(1), "parameters",
                Map.of(property, 5)));

        assertThat(first.get("valid").asBoolean()).as(first.toString()).isTrue();
        assertThat(second.get("valid").asBoolean()).as(second.toString()).isFalse();
        assertThat(codes(second)).containsExactly("INVALID_PARAMETERS");
        assertThat(missesAfterFirst - missesBefore).as("the first compiles the schema").isEqualTo(1);
        assertThat(compiledSchemaMisses() - missesAfterFirst).as("the second finds it compiled").isZero();
    }

    private double compiledSchemaMisses() {
        return meters.get("cache.gets").tag("cache", "compiled_schemas").tag("result", "miss").functionCounter()
                .count();
    }

    @Test
    void anUnknownModelIsInvalid() {
        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", "no-such-model"));

        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(codes(result)).containsExactly("UNKNOWN_MODEL");
        assertThat(result.get("resolved_version").isNull()).isTrue();
    }

    @Test
    void aDisabledModelIsInvalidFromTheVeryNextValidation() {
        String id = enabledModelWithVersion("1.0.0", 15, null);
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("valid").asBoolean()).isTrue();

        api.post(MODELS + "/" + id + "/disable", Map.of("reason", "false alarms"));

        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", id));
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(codes(result)).containsExactly("MODEL_DISABLED");
    }

    @Test
    void aRetiredModelIsInvalid() {
        String id = enabledModelWithVersion("1.0.0", 15, null);
        api.post(MODELS + "/" + id + "/retire", Map.of("reason", "gone"));

        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id)))).containsExactly("MODEL_RETIRED");
    }

    @Test
    void aModelWithoutAVersionHasNoDefaultAndIsInvalid() {
        String id = Api.uniqueId("nover");
        api.register(id);
        api.post(MODELS + "/" + id + "/enable", null);
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id))))
                .containsExactly("NO_DEFAULT_VERSION");
    }

    @Test
    void aDisabledDefaultIsInvalidAndNeverFallsBackToAnotherEnabledVersion() {
        String id = enabledModelWithVersion("1.0.0", 15, null);
        api.addVersion(id, "1.1.0", 15, null);
        api.post(MODELS + "/" + id + "/versions/1.0.0/disable", Map.of("reason", "bad weights"));

        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", id));
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("resolved_version").asText()).isEqualTo("1.0.0");
        assertThat(codes(result)).containsExactly("VERSION_DISABLED");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "@default"))))
                .containsExactly("VERSION_DISABLED");
    }

    @Test
    void anUnknownOrDisabledVersionIsInvalid() {
        String id = enabledModelWithVersion("1.0.0", 15, null);
        api.addVersion(id, "1.1.0", 15, null);
        api.post(MODELS + "/" + id + "/versions/1.1.0/disable", Map.of("reason", "regression"));

        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "9.0.0"))))
                .containsExactly("UNKNOWN_VERSION");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "latest"))))
                .containsExactly("UNKNOWN_VERSION");
        JsonNode disabled = validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "1.1.0"));
        assertThat(codes(disabled)).containsExactly("VERSION_DISABLED");
        assertThat(disabled.get("resolved_version").asText()).isEqualTo("1.1.0");
    }

    @Test
    void withoutAVersionTheDefaultIsResolvedWhichOnlyAPromotionMoves() {
        String id = enabledModelWithVersion("2.0.0-rc.1", 15, null);
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("resolved_version").asText())
                .isEqualTo("2.0.0-rc.1");

        api.addVersion(id, "1.2.0", 15, null);
        api.addVersion(id, "1.10.0", 15, null);
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("resolved_version").asText())
                .isEqualTo("2.0.0-rc.1");

        api.post(MODELS + "/" + id + "/versions/1.10.0/promote", Map.of("reason", "first release"));
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("resolved_version").asText())
                .isEqualTo("1.10.0");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "2.0.0-rc.1"))
                .get("valid").asBoolean()).isTrue();
    }

    @Test
    void fpsOutsideThePlatformsRangeOrAboveTheVersionsMaximumIsInvalid() {
        String id = enabledModelWithVersion("1.0.0", 15, null);

        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 20))))
                .containsExactly("FPS_ABOVE_MAX");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 0))))
                .containsExactly("INVALID_FPS");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 31))))
                .containsExactly("INVALID_FPS", "FPS_ABOVE_MAX");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "priority", 101))))
                .containsExactly("INVALID_PRIORITY");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 15)).get("valid")
                .asBoolean()).isTrue();
    }

    @Test
    void parametersAreCheckedAgainstTheShorthandSchemaOfTheRealManifest() throws IOException {
        String id = geoFencingFromTheRealManifest();
        api.post(MODELS + "/" + id + "/enable", null);

        JsonNode wrongEnum = validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters",
                Map.of("zones", List.of(Map.of("id", "z1", "type", "forbidden")))));
        assertThat(codes(wrongEnum)).containsExactly("INVALID_PARAMETERS");
        assertThat(wrongEnum.get("violations").get(0).get("field").asText()).isEqualTo("parameters.zones[0].type");

        JsonNode wrongType = validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters",
                Map.of("zones", "everywhere")));
        assertThat(codes(wrongType)).containsExactly("INVALID_PARAMETERS");

        JsonNode misspelt = validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters",
                Map.of("zone", List.of())));
        assertThat(codes(misspelt)).containsExactly("INVALID_PARAMETERS");
    }

    @Test
    void parametersAreCheckedAgainstAStandardJsonSchema() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("threshold"),
                "properties", Map.of("threshold", Map.of("type", "number", "minimum", 0, "maximum", 1)));
        String id = enabledModelWithVersion("1.0.0", 15, schema);

        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters", Map.of("threshold", 0.4)))
                .get("valid").asBoolean()).isTrue();
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters",
                Map.of("threshold", 1.4))))).containsExactly("INVALID_PARAMETERS");
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id))))
                .containsExactly("INVALID_PARAMETERS");
    }

    @Test
    void parametersForAVersionThatDeclaresNoneAreInvalid() {
        String id = enabledModelWithVersion("1.0.0", 15, null);

        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters", Map.of())).get("valid")
                .asBoolean()).isTrue();
        assertThat(codes(validate(Map.of("camera_id", CAMERA, "model_id", id, "parameters",
                Map.of("threshold", 0.5))))).containsExactly("INVALID_PARAMETERS");
    }

    @Test
    void aBodyThatCannotBeReadIs400() {
        assertThat(api.post(MODELS + "/validate-assignment", "{not json").status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", CAMERA)).json().get("field")
                .asText()).isEqualTo("model_id");
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("model_id", "x")).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", "not-a-uuid", "model_id", "x"))
                .status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", CAMERA, "model_id", "x",
                "desired_fps", "fast")).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", CAMERA, "model_id", "x",
                "desired_fps", 2.5)).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", CAMERA, "model_id", "x",
                "parameters", List.of(1))).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/validate-assignment", Map.of("camera_id", CAMERA, "model_id", "x",
                "colour", "red")).status()).isEqualTo(400);
    }

    @Test
    void aBatchIsAnsweredInOrderFromOneRead() {
        String enabled = enabledModelWithVersion("1.0.0", 15, null);
        String disabled = Api.uniqueId("batch-off");
        api.register(disabled);
        List<Map<String, Object>> assignments = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> assignment = new HashMap<>();
            assignment.put("camera_id", CAMERA);
            assignment.put("model_id", switch (i % 3) {
                case 0 -> enabled;
                case 1 -> disabled;
                default -> "unknown-" + i;
            });
            assignments.add(assignment);
        }

        Api.Response response = api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments));

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(500);
        for (int i = 0; i < 500; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("model_id").asText()).isEqualTo(assignments.get(i).get("model_id"));
            assertThat(result.get("valid").asBoolean()).isEqualTo(i % 3 == 0);
        }
        assertThat(response.json().get("valid").asInt()).isEqualTo(167);
    }

    @Test
    void aBatchOverFiveHundredIs400() {
        List<Map<String, Object>> assignments = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            assignments.add(Map.of("camera_id", CAMERA, "model_id", "m"));
        }
        Api.Response response = api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("TOO_MANY_ASSIGNMENTS");
        assertThat(api.post(MODELS + "/validate-assignments", Map.of()).status()).isEqualTo(400);
    }

    private String enabledModelWithVersion(String version, int maxFps, Object schema) {
        String id = Api.uniqueId("val");
        api.register(id);
        assertThat(api.addVersion(id, version, maxFps, schema).status()).isEqualTo(201);
        api.post(MODELS + "/" + id + "/enable", null);
        return id;
    }

    /** Registers a model and adds the geo_fencing contract manifest's version, shorthand schema and all. */
    private String geoFencingFromTheRealManifest() throws IOException {
        JsonNode manifest;
        try (InputStream in = getClass().getResourceAsStream("/manifests/contract-v1.0.0/geo_fencing/1.0.0/model.yaml")) {
            manifest = YAML.readTree(in);
        }
        String id = Api.uniqueId("geo_fencing");
        api.post(MODELS, Map.of("model_id", id, "name", manifest.get("display_name").asText()));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", manifest.get("version").asText());
        version.put("config_schema", manifest.get("config_schema"));
        version.put("performance", Map.of("recommended_fps", manifest.at("/performance/recommended_fps").asInt(),
                "max_fps", manifest.at("/performance/max_fps").asInt(),
                "inference_time_hint_ms", manifest.at("/performance/inference_time_hint_ms").asInt()));
        for (String document : List.of("input", "output", "hardware", "limits", "capabilities")) {
            version.put(document, manifest.get(document));
        }
        assertThat(api.post(MODELS + "/" + id + "/versions", version).status()).isEqualTo(201);
        return id;
    }

    private JsonNode validate(Map<String, Object> assignment) {
        Api.Response response = api.post(MODELS + "/validate-assignment", assignment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> codes(JsonNode result) {
        List<String> codes = new ArrayList<>();
        result.get("violations").forEach(v -> codes.add(v.get("code").asText()));
        return codes;
    }
}
