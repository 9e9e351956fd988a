package org.vas.registry.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Rolling out a new version: adding it changes nothing live, a preview shows what a promotion would change, the
 * promotion and the rollback are admin decisions on the record, and a disabled default fails closed.
 */
@RegistryTest
class RolloutApiTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    /** 1.0.0 takes any zone type; 2.0.0 only restricted ones. */
    private static final Map<String, Object> V1_SCHEMA = Map.of("type", "object",
            "properties", Map.of("zone_type", Map.of("type", "string")));
    private static final Map<String, Object> V2_SCHEMA = Map.of("type", "object",
            "properties", Map.of("zone_type", Map.of("enum", List.of("restricted"))));

    @LocalServerPort
    int port;

    private Api api;
    private String id;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        id = Api.uniqueId("rollout");
        api.register(id);
        assertThat(api.addVersion(id, "1.0.0", 15, V1_SCHEMA).status()).isEqualTo(201);
        api.post(MODELS + "/" + id + "/enable", null);
    }

    @Test
    void addingAVersionChangesNeitherTheDefaultNorWhatAssignmentsResolveTo() {
        assertThat(api.addVersion(id, "2.0.0", 30, V2_SCHEMA).status()).isEqualTo(201);

        JsonNode model = api.get(MODELS + "/" + id).json();
        assertThat(model.get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(model.get("config_schema")).isEqualTo(api.get(MODELS + "/" + id + "/versions/1.0.0").json()
                .get("config_schema"));
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("resolved_version").asText())
                .isEqualTo("1.0.0");
        JsonNode listed = find(api.get(MODELS + "?enabled=true").json().get("models"));
        assertThat(listed.get("default_version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void aPromotionMovesTheDefaultOnTheRecordAndPromotingThePreviousOneRollsBack() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);

        Api.Response promoted = promote("2.0.0", "2.0.0 passed the canary");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().get("default_version").asText()).isEqualTo("2.0.0");
        assertThat(promoted.json().get("config_schema").toString()).contains("restricted");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 25))
                .get("resolved_version").asText()).isEqualTo("2.0.0");
        assertThat(find(api.get(MODELS + "?enabled=true").json().get("models")).get("default_version").asText())
                .isEqualTo("2.0.0");

        JsonNode event = last(api.get(MODELS + "/" + id + "/history").json().get("events"));
        assertThat(event.get("type").asText()).isEqualTo("DefaultVersionChanged");
        assertThat(event.get("data").get("version").asText()).isEqualTo("2.0.0");
        assertThat(event.get("data").get("previous").asText()).isEqualTo("1.0.0");
        assertThat(event.get("reason").asText()).isEqualTo("2.0.0 passed the canary");
        assertThat(event.get("actor").asText()).isNotBlank();

        Api.Response again = promote("2.0.0", "again");
        assertThat(again.json().get("revision")).isEqualTo(promoted.json().get("revision"));

        Api.Response back = promote("1.0.0", "false alarms at night");
        assertThat(back.json().get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(last(api.get(MODELS + "/" + id + "/history").json().get("events")).get("data").get("previous")
                .asText()).isEqualTo("2.0.0");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("resolved_version").asText())
                .isEqualTo("1.0.0");
    }

    @Test
    void aDisabledOrUnknownVersionCannotBePromotedAndNothingIsWritten() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);
        api.post(MODELS + "/" + id + "/versions/2.0.0/disable", Map.of("reason", "not ready"));
        long revision = api.get(MODELS + "/" + id).json().get("revision").asLong();

        Api.Response disabled = promote("2.0.0", "rollout");
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.json().get("code").asText()).isEqualTo("VERSION_DISABLED");
        Api.Response unknown = promote("3.0.0", "rollout");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        Api.Response noReason = api.post(MODELS + "/" + id + "/versions/1.0.0/promote", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asText()).isEqualTo("REASON_REQUIRED");

        assertThat(api.get(MODELS + "/" + id).json().get("revision").asLong()).isEqualTo(revision);
    }

    @Test
    void aDisabledDefaultFailsClosedAndDisablingItIsAnsweredWithAWarning() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);

        Api.Response disabled = api.post(MODELS + "/" + id + "/versions/1.0.0/disable",
                Map.of("reason", "bad weights"));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("default_version").asText()).isEqualTo("1.0.0");
        JsonNode warning = disabled.json().get("warnings").get(0);
        assertThat(warning.get("code").asText()).isEqualTo("DEFAULT_VERSION_DISABLED");
        assertThat(warning.get("message").asText()).contains("1.0.0");

        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", id));
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("resolved_version").asText()).isEqualTo("1.0.0");
        assertThat(codes(result)).containsExactly("VERSION_DISABLED");
        assertThat(api.get(MODELS + "/" + id).json().has("warnings")).isFalse();

        JsonNode enabledAgain = api.post(MODELS + "/" + id + "/versions/1.0.0/enable", null).json();
        assertThat(enabledAgain.has("warnings")).isFalse();
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id)).get("valid").asBoolean()).isTrue();
    }

    @Test
    void anAliasIsMovedAndRemovedOnTheRecordAndAssignmentsNameIt() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);

        Api.Response moved = putAlias("canary", "2.0.0", "two cameras first");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("aliases").get("canary").asText()).isEqualTo("2.0.0");
        assertThat(moved.json().get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "@canary"))
                .get("resolved_version").asText()).isEqualTo("2.0.0");
        assertThat(validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "@default"))
                .get("resolved_version").asText()).isEqualTo("1.0.0");
        assertThat(api.get(MODELS + "/" + id + "/versions/@canary").json().get("version").asText())
                .isEqualTo("2.0.0");
        assertThat(api.get(MODELS + "/" + id + "/versions/@default").json().get("version").asText())
                .isEqualTo("1.0.0");
        JsonNode event = last(api.get(MODELS + "/" + id + "/history").json().get("events"));
        assertThat(event.get("type").asText()).isEqualTo("AliasMoved");
        assertThat(event.get("data").get("previous").isNull()).isTrue();

        JsonNode back = putAlias("canary", "1.0.0", "back").json();
        assertThat(back.get("aliases").get("canary").asText()).isEqualTo("1.0.0");
        assertThat(last(api.get(MODELS + "/" + id + "/history").json().get("events")).get("data").get("previous")
                .asText()).isEqualTo("2.0.0");

        Api.Response removed = api.send("DELETE", MODELS + "/" + id + "/aliases/canary", Map.of("reason", "done"),
                "application/json");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().get("aliases").has("canary")).isFalse();
        assertThat(last(api.get(MODELS + "/" + id + "/history").json().get("events")).get("type").asText())
                .isEqualTo("AliasRemoved");
        JsonNode unknown = validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "@canary"));
        assertThat(codes(unknown)).containsExactly("UNKNOWN_ALIAS");
        assertThat(api.get(MODELS + "/" + id + "/versions/@canary").status()).isEqualTo(404);
    }

    @Test
    void anAliasMustBeWellNamedAndPointAtAnEnabledVersion() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);
        api.post(MODELS + "/" + id + "/versions/2.0.0/disable", Map.of("reason", "not ready"));
        long revision = api.get(MODELS + "/" + id).json().get("revision").asLong();

        assertThat(putAlias("default", "1.0.0", "x").json().get("code").asText()).isEqualTo("INVALID_ALIAS");
        assertThat(putAlias("Canary", "1.0.0", "x").status()).isEqualTo(400);
        Api.Response toDisabled = putAlias("canary", "2.0.0", "x");
        assertThat(toDisabled.status()).isEqualTo(409);
        assertThat(toDisabled.json().get("code").asText()).isEqualTo("VERSION_DISABLED");
        assertThat(putAlias("canary", "9.9.9", "x").status()).isEqualTo(404);

        assertThat(api.get(MODELS + "/" + id).json().get("revision").asLong()).isEqualTo(revision);
    }

    @Test
    void anAliasWhoseVersionIsDisabledFailsClosed() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);
        putAlias("canary", "2.0.0", "try");

        JsonNode disabled = api.post(MODELS + "/" + id + "/versions/2.0.0/disable", Map.of("reason", "drift"))
                .json();
        assertThat(disabled.get("warnings").get(0).get("code").asText()).isEqualTo("ALIAS_VERSION_DISABLED");

        JsonNode result = validate(Map.of("camera_id", CAMERA, "model_id", id, "model_version", "@canary"));
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(codes(result)).containsExactly("VERSION_DISABLED");
    }

    @Test
    void aPreviewShowsEachAssignmentNowAndWithTheVersionAsDefaultAndWritesNothing() {
        api.addVersion(id, "2.0.0", 20, V2_SCHEMA);
        long head = api.get("/api/v1/registry/events?after=0&limit=1").json().get("head").asLong();
        List<Map<String, Object>> assignments = List.of(
                Map.of("camera_id", CAMERA, "model_id", id, "parameters", Map.of("zone_type", "restricted")),
                Map.of("camera_id", CAMERA, "model_id", id, "parameters", Map.of("zone_type", "loading")),
                Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 18),
                Map.of("camera_id", CAMERA, "model_id", id, "model_version", "1.0.0",
                        "parameters", Map.of("zone_type", "loading")));

        Api.Response preview = api.post(MODELS + "/" + id + "/versions/2.0.0/preview",
                Map.of("assignments", assignments));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.get("current_default").asText()).isEqualTo("1.0.0");
        assertThat(body.get("total").asInt()).isEqualTo(4);
        assertThat(body.get("valid_now").asInt()).isEqualTo(3);
        assertThat(body.get("valid_then").asInt()).isEqualTo(3);
        assertThat(body.get("changed").asInt()).isEqualTo(3);
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("then").get("resolved_version").asText()).isEqualTo("2.0.0");
        assertThat(results.get(0).get("then").get("valid").asBoolean()).isTrue();
        assertThat(results.get(1).get("now").get("valid").asBoolean()).isTrue();
        assertThat(results.get(1).get("then").get("valid").asBoolean()).isFalse();
        assertThat(results.get(1).get("new_violations").get(0).get("code").asText()).isEqualTo("INVALID_PARAMETERS");
        assertThat(results.get(2).get("now").get("valid").asBoolean()).isFalse();
        assertThat(codes(results.get(2).get("now"))).containsExactly("FPS_ABOVE_MAX");
        assertThat(results.get(2).get("then").get("valid").asBoolean()).isTrue();
        assertThat(results.get(3).get("now")).isEqualTo(results.get(3).get("then"));
        assertThat(results.get(3).get("new_violations")).isEmpty();

        assertThat(api.get("/api/v1/registry/events?after=0&limit=1").json().get("head").asLong()).isEqualTo(head);
        assertThat(api.get(MODELS + "/" + id).json().get("default_version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void aPreviewOfAnUnknownVersionOrOfTooManyAssignmentsIsRefused() {
        Api.Response unknown = api.post(MODELS + "/" + id + "/versions/2.0.0/preview",
                Map.of("assignments", List.of(Map.of("camera_id", CAMERA, "model_id", id))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.post(MODELS + "/no-such-model/versions/1.0.0/preview",
                Map.of("assignments", List.of())).status()).isEqualTo(404);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(Map.of("camera_id", CAMERA, "model_id", id));
        }
        Api.Response tooMany = api.post(MODELS + "/" + id + "/versions/1.0.0/preview", Map.of("assignments", many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("TOO_MANY_ASSIGNMENTS");
    }

    @Test
    void timeTravelAnswersWithTheDefaultOfItsMomentAcrossAPromotion() {
        api.addVersion(id, "2.0.0", 30, V2_SCHEMA);
        long before = api.get(MODELS + "/" + id).json().get("position").asLong();
        long after = promote("2.0.0", "rollout").json().get("position").asLong();

        assertThat(api.get(MODELS + "/" + id + "?as_of=" + before).json().get("default_version").asText())
                .isEqualTo("1.0.0");
        assertThat(api.get(MODELS + "/" + id + "?as_of=" + after).json().get("default_version").asText())
                .isEqualTo("2.0.0");
        Map<String, Object> assignment = Map.of("camera_id", CAMERA, "model_id", id,
                "parameters", Map.of("zone_type", "loading"));
        JsonNode then = api.post(MODELS + "/validate-assignment?as_of=" + before, assignment).json();
        assertThat(then.get("resolved_version").asText()).isEqualTo("1.0.0");
        assertThat(then.get("valid").asBoolean()).isTrue();
        JsonNode now = api.post(MODELS + "/validate-assignment?as_of=" + after, assignment).json();
        assertThat(now.get("resolved_version").asText()).isEqualTo("2.0.0");
        assertThat(now.get("valid").asBoolean()).isFalse();
        JsonNode listed = find(api.get(MODELS + "?enabled=true&as_of=" + before).json().get("models"));
        assertThat(listed.get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
    }

    private Api.Response promote(String version, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        return api.post(MODELS + "/" + id + "/versions/" + version + "/promote", body);
    }

    private Api.Response putAlias(String alias, String version, String reason) {
        return api.send("PUT", MODELS + "/" + id + "/aliases/" + alias, Map.of("version", version, "reason", reason),
                "application/json");
    }

    private JsonNode validate(Map<String, Object> assignment) {
        Api.Response response = api.post(MODELS + "/validate-assignment", assignment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode find(JsonNode models) {
        return StreamSupport.stream(models.spliterator(), false)
                .filter(m -> m.get("model_id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode last(JsonNode events) {
        return events.get(events.size() - 1);
    }

    private static List<String> codes(JsonNode result) {
        return StreamSupport.stream(result.get("violations").spliterator(), false)
                .map(v -> v.get("code").asText()).toList();
    }
}
