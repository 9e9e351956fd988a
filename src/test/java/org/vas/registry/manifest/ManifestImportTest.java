package org.vas.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ManifestImportTest {

    private static final String YAML = "application/yaml";
    private static final String IMPORT = "/api/v1/ai-models/import";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;

    private Api api() {
        return new Api(port);
    }

    @Test
    void everyFixtureManifestImportsAloneInADryRunAndForReal() {
        for (String manifest : fixtures()) {
            long before = events();
            Api.Response dryRun = api().send("POST", IMPORT + "?dry_run=true", manifest, YAML);
            assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
            assertThat(dryRun.json().path("dry_run").booleanValue()).isTrue();
            assertThat(events()).isEqualTo(before);

            Api.Response imported = api().send("POST", IMPORT, manifest, YAML);
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            assertThat(imported.json().path("commands").intValue())
                    .isEqualTo(dryRun.json().path("commands").intValue());
            String modelId = imported.json().path("models").get(0).path("model_id").textValue();
            JsonNode model = api().get("/api/v1/ai-models/" + modelId).json();
            assertThat(model.path("enabled").booleanValue()).as("imported models stay disabled").isFalse();
            assertThat(model.path("versions")).hasSize(1);
        }
    }

    @Test
    void aFolderOfManifestsImportsAsOneBatchAndASecondImportWritesNothing() {
        String batch = String.join("\n---\n", fixtures()).replaceAll("(?m)^model_id: \"?", "$0b2-");
        Api.Response plan = api().send("POST", IMPORT + "?dry_run=true", batch, YAML);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("manifests").intValue()).isEqualTo(10);
        assertThat(plan.json().path("models")).hasSize(10);
        plan.json().path("models").forEach(m -> {
            assertThat(m.path("outcome").textValue()).isEqualTo("created");
            assertThat(m.path("commands").findValuesAsText("type")).containsExactly("RegisterModel", "AddModelVersion");
        });

        Api.Response imported = api().send("POST", IMPORT, batch, YAML);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("commands").intValue()).isEqualTo(20);
        assertThat(api().get("/api/v1/ai-models/b2-geo_fencing/versions/1.0.0").json()
                .path("config_schema").path("zones").path("type").textValue()).isEqualTo("array");
        assertThat(api().get("/api/v1/ai-models/b2-yolov8n").json().path("supported_tasks").get(0).textValue())
                .isEqualTo("object_detection");

        long before = events();
        Api.Response again = api().send("POST", IMPORT, batch, YAML);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("commands").intValue()).isZero();
        again.json().path("models").forEach(m -> assertThat(m.path("outcome").textValue()).isEqualTo("unchanged"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aChangedManifestUpdatesTheMetadataAndAddsTheNewVersionOnly() {
        String id = Api.uniqueId("change");
        assertThat(api().send("POST", IMPORT, contract(id, "1.0.0", "First name"), YAML).status()).isEqualTo(200);

        Api.Response changed = api().send("POST", IMPORT + "?enable=true",
                contract(id, "1.0.0", "First name") + "\n---\n" + contract(id, "1.1.0", "Second name"), YAML);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode model = changed.json().path("models").get(0);
        assertThat(model.path("outcome").textValue()).isEqualTo("changed");
        assertThat(model.path("commands").findValuesAsText("type"))
                .containsExactly("UpdateModelMetadata", "AddModelVersion", "EnableModel");
        JsonNode stored = api().get("/api/v1/ai-models/" + id).json();
        assertThat(stored.path("name").textValue()).isEqualTo("Second name");
        assertThat(stored.path("enabled").booleanValue()).isTrue();
        assertThat(stored.path("default_version").textValue()).isEqualTo("1.0.0");
        assertThat(model.has("default_version")).isFalse();
    }

    @Test
    void aNewVersionIsPromotedOnlyWhenTheImportAsksAndTheDryRunShowsTheDefaultThatWouldMove() {
        String id = Api.uniqueId("promote");
        Api.Response created = api().send("POST", IMPORT, contract(id, "1.0.0", "First"), YAML);
        JsonNode first = created.json().path("models").get(0).path("default_version");
        assertThat(first.path("before").isNull()).isTrue();
        assertThat(first.path("after").textValue()).isEqualTo("1.0.0");
        String both = contract(id, "1.0.0", "First") + "\n---\n" + contract(id, "2.0.0", "First");
        long before = events();

        JsonNode plan = api().send("POST", IMPORT + "?dry_run=true&promote=true", both, YAML).json();
        JsonNode planned = plan.path("models").get(0);
        assertThat(plan.path("promote").booleanValue()).isTrue();
        assertThat(planned.path("commands").findValuesAsText("type"))
                .containsExactly("AddModelVersion", "PromoteVersion");
        assertThat(planned.path("default_version").path("before").textValue()).isEqualTo("1.0.0");
        assertThat(planned.path("default_version").path("after").textValue()).isEqualTo("2.0.0");
        assertThat(events()).isEqualTo(before);

        JsonNode added = api().send("POST", IMPORT, both, YAML).json().path("models").get(0);
        assertThat(added.path("commands").findValuesAsText("type")).containsExactly("AddModelVersion");
        assertThat(added.has("default_version")).isFalse();
        assertThat(api().get("/api/v1/ai-models/" + id).json().path("default_version").textValue())
                .isEqualTo("1.0.0");

        JsonNode promoted = api().send("POST", IMPORT + "?promote=true", both, YAML).json().path("models").get(0);
        assertThat(promoted.path("commands").findValuesAsText("type")).containsExactly("PromoteVersion");
        assertThat(api().get("/api/v1/ai-models/" + id).json().path("default_version").textValue())
                .isEqualTo("2.0.0");
        JsonNode history = api().get("/api/v1/ai-models/" + id + "/history").json().path("events");
        assertThat(history.get(history.size() - 1).path("type").textValue()).isEqualTo("DefaultVersionChanged");
    }

    @Test
    void jsonManifestsAreAcceptedOneOrManyAtATime() {
        String id = Api.uniqueId("json");
        String one = "{\"model_id\":\"" + id + "\",\"model_name\":\"Json\",\"model_version\":\"1.0.0\","
                + "\"supported_tasks\":[\"object_detection\"],\"input_format\":\"NV12\","
                + "\"expected_resolution\":[640,480],\"resource_requirements\":{\"gpu_required\":false,"
                + "\"cpu_fallback_allowed\":true},\"model_type\":\"onnx\",\"model_weights\":\"w.onnx\","
                + "\"confidence_threshold\":0.5,\"output_schema\":{\"type\":\"object_detection\"}}";

        Api.Response single = api().post(IMPORT + "?dry_run=true", one);
        Api.Response batch = api().post(IMPORT, "[" + one + "]");

        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode version = api().get("/api/v1/ai-models/" + id + "/versions/1.0.0").json();
        assertThat(version.path("input").path("expected_resolution").path("width").intValue()).isEqualTo(640);
        assertThat(version.path("hardware").path("supports_cpu").booleanValue()).isTrue();
    }

    @Test
    void brokenManifestsReportEveryProblemWithItsFieldPathAndWriteNothing() {
        String good = contract(Api.uniqueId("good"), "1.0.0", "Good");
        String broken = """
                contract_schema_version: "1.0.0"
                model_id: "Bad Id"
                version: "1.0"
                input: {type: frame, format: raw_bgr}
                output: {schema_version: "1.0", schema: {}}
                hardware: {supports_cpu: "yes", supports_gpu: false}
                performance: {recommended_fps: 2, max_fps: five}
                """;
        long before = events();

        Api.Response response = api().send("POST", IMPORT, good + "\n---\n" + broken, YAML);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").textValue()).isEqualTo("INVALID_MANIFEST");
        List<String> problems = new ArrayList<>();
        response.json().path("errors").forEach(e -> problems.add(e.path("manifest").intValue() + " "
                + e.path("field").textValue() + " " + e.path("code").textValue()));
        assertThat(problems).contains(
                "1 display_name MISSING_FIELD",
                "1 model_id INVALID_MODEL_ID",
                "1 version INVALID_VERSION",
                "1 hardware.supports_cpu INVALID_TYPE",
                "1 performance.max_fps INVALID_TYPE");
        assertThat(problems).noneMatch(p -> p.startsWith("0 "));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void rulesBeyondTheSchemaAreReportedAgainstTheManifestField() {
        String legacy = """
                model_id: gpu-contradiction
                model_name: Contradiction
                model_version: 1.0.0
                supported_tasks: [Object Detection]
                input_format: NV12
                expected_resolution: [640, 640]
                resource_requirements: {gpu_required: true, cpu_fallback_allowed: true}
                model_type: pytorch
                model_weights: w.pt
                confidence_threshold: 0.5
                output_schema: {}
                """;
        String contract = contract(Api.uniqueId("fps"), "1.0.0", "Fps").replace("recommended_fps: 2",
                "recommended_fps: 9");

        Api.Response response = api().send("POST", IMPORT, legacy + "---\n" + contract, YAML);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        response.json().path("errors").forEach(e -> problems.add(e.path("manifest").intValue() + " "
                + e.path("field").textValue() + " " + e.path("code").textValue()));
        assertThat(problems).contains("0 supported_tasks[0] INVALID_VALUE",
                "0 resource_requirements.cpu_fallback_allowed INVALID_VALUE",
                "1 performance.recommended_fps INVALID_PERFORMANCE");
    }

    @Test
    void numbersTheRegistryCannotKeepAreFieldErrorsWithTheirPathAndNothingIsWritten() throws IOException {
        String gpu = new PathMatchingResourcePatternResolver()
                .getResource("classpath:manifests/legacy/gpu_required_model.yaml")
                .getContentAsString(StandardCharsets.UTF_8);
        String wideFrames = gpu.replace("model_id: yolov8x_gpu_only", "model_id: " + Api.uniqueId("wide"))
                .replace("expected_resolution: [1280, 1280]", "expected_resolution: [4294967297, 1280]");
        String hugeMemory = gpu.replace("model_id: yolov8x_gpu_only", "model_id: " + Api.uniqueId("huge"))
                .replace("gpu_memory_mb: 4000", "gpu_memory_mb: 2147483648");
        String infinite = gpu.replace("model_id: yolov8x_gpu_only", "model_id: " + Api.uniqueId("inf"))
                .replace("classes: 80", "classes: 1.0e+400");
        long before = events();

        Api.Response response = api().send("POST", IMPORT,
                String.join("\n---\n", wideFrames, hugeMemory, infinite), YAML);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        response.json().path("errors").forEach(e -> problems.add(e.path("manifest").intValue() + " "
                + e.path("field").textValue() + " " + e.path("code").textValue()));
        assertThat(problems).contains("0 expected_resolution[0] OUT_OF_RANGE",
                "1 resource_requirements.gpu_memory_mb OUT_OF_RANGE", "2 output_schema.classes OUT_OF_RANGE");

        String json = "{\"model_id\":\"" + Api.uniqueId("json-inf") + "\",\"model_name\":\"Json\","
                + "\"model_version\":\"1.0.0\",\"supported_tasks\":[\"object_detection\"],\"input_format\":\"NV12\","
                + "\"expected_resolution\":[640,480],\"resource_requirements\":{\"gpu_required\":true,"
                + "\"gpu_memory_mb\":1e400,\"cpu_fallback_allowed\":false},\"model_type\":\"onnx\","
                + "\"model_weights\":\"w.onnx\",\"confidence_threshold\":0.5,\"output_schema\":{\"max\":-1e999}}";
        Api.Response fromJson = api().post(IMPORT, json);
        assertThat(fromJson.status()).as(fromJson.toString()).isEqualTo(400);
        List<String> jsonProblems = new ArrayList<>();
        fromJson.json().path("errors").forEach(e -> jsonProblems.add(e.path("field").textValue() + " "
                + e.path("code").textValue()));
        assertThat(jsonProblems).contains("resource_requirements.gpu_memory_mb OUT_OF_RANGE",
                "output_schema.max OUT_OF_RANGE");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unsafeOrUnreadableYamlIsRefused() {
        String alias = contract(Api.uniqueId("alias"), "1.0.0", "Alias")
                .replace("input:", "input: &in")
                .replace("output:", "extra: *in\noutput:");
        String tagged = "model_id: !!javax.script.ScriptEngineManager [x]\n";
        String custom = "model_id: !custom x\n";

        for (String body : List.of(alias, tagged, custom, "a: [unclosed", "")) {
            Api.Response response = api().send("POST", IMPORT, body, YAML);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        }
    }

    @Test
    void aVersionWithDifferentContentIsAConflictAndWritesNothing() {
        String id = Api.uniqueId("conflict");
        api().send("POST", IMPORT, contract(id, "1.0.0", "Conflict"), YAML);
        long before = events();

        Api.Response response = api().send("POST", IMPORT,
                contract(id, "1.0.0", "Conflict").replace("max_fps: 5", "max_fps: 6"), YAML);

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.json().path("errors").get(0).path("code").textValue()).isEqualTo("VERSION_CONFLICT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aBatchWhoseLastCommandFailsLeavesNoTrace() {
        String first = Api.uniqueId("atomic-a");
        String second = Api.uniqueId("atomic-b");
        Registration failing = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof AddModelVersion add
                    && add.modelId().value().equals(second)) {
                throw new InvalidInputException("INVALID_VERSION", "version", "injected by the test");
            }
            return chain.proceed();
        });
        long before = events();
        try {
            Api.Response response = api().send("POST", IMPORT,
                    contract(first, "1.0.0", "A") + "\n---\n" + contract(second, "1.0.0", "B"), YAML);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().path("code").textValue()).isEqualTo("INVALID_VERSION");
        } finally {
            failing.cancel();
        }
        assertThat(events()).isEqualTo(before);
        assertThat(api().get("/api/v1/ai-models/" + first).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/ai-models/" + second).status()).isEqualTo(404);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static String contract(String modelId, String version, String name) {
        return """
                contract_schema_version: "1.0.0"
                model_id: "%s"
                version: "%s"
                display_name: "%s"
                input: {type: frame, format: raw_bgr}
                output: {schema_version: "1.0", schema: {}}
                hardware: {supports_cpu: true, supports_gpu: false}
                performance: {recommended_fps: 2, max_fps: 5}
                """.formatted(modelId, version, name);
    }

    static List<String> fixtures() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath:manifests/**/*.yaml");
            List<String> manifests = new ArrayList<>();
            for (Resource resource : resources) {
                manifests.add(resource.getContentAsString(StandardCharsets.UTF_8));
            }
            assertThat(manifests).hasSize(10);
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
