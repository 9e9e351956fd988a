package org.vas.registry.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ModelApiTest {

    private static final String MODELS = "/api/v1/ai-models";

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void registeringAnswers201WithLocationEtagAndADisabledModel() {
        String id = Api.uniqueId("reg");
        Api.Response response = api.post(MODELS, Map.of("model_id", id, "name", "Person detection",
                "description", "Finds people", "supported_tasks", List.of("person_detection"),
                "tags", Map.of("team", "ruth")));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo(MODELS + "/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        JsonNode model = response.json();
        assertThat(model.get("model_id").asText()).isEqualTo(id);
        assertThat(model.get("enabled").asBoolean()).isFalse();
        assertThat(model.get("status").asText()).isEqualTo("disabled");
        assertThat(model.get("revision").asLong()).isZero();
        assertThat(model.get("tags").get("team").asText()).isEqualTo("ruth");
        assertThat(model.has("created_at")).isTrue();
        assertThat(model.has("updated_at")).isTrue();
        assertThat(model.has("config_schema")).isTrue();
    }

    @Test
    void aTakenIdIsAConflictEvenAfterRetirement() {
        String id = Api.uniqueId("taken");
        api.register(id);
        assertThat(api.register(id).status()).isEqualTo(409);
        assertThat(api.post(MODELS + "/" + id + "/retire", Map.of("reason", "obsolete")).status()).isEqualTo(200);

        Api.Response again = api.register(id);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asText()).isEqualTo("MODEL_ALREADY_EXISTS");
    }

    @Test
    void theSingleModelReadHasThePlatformFieldsAndTheDefaultVersionsConfigSchema() {
        String id = Api.uniqueId("read");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, Map.of("threshold", Map.of("type", "number")));
        api.addVersion(id, "1.1.0", 15, Map.of("threshold", Map.of("type", "number"), "zones",
                Map.of("type", "array")));
        api.addVersion(id, "2.0.0-rc.1", 15, null);
        api.post(MODELS + "/" + id + "/versions/1.1.0/promote", Map.of("reason", "zones"));

        Api.Response response = api.get(MODELS + "/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode model = response.json();
        for (String field : List.of("model_id", "name", "description", "supported_tasks", "config_schema",
                "enabled", "created_at", "updated_at", "status", "revision", "versions", "default_version", "aliases")) {
            assertThat(model.has(field)).as(field).isTrue();
        }
        assertThat(model.get("default_version").asText()).isEqualTo("1.1.0");
        assertThat(model.get("config_schema").has("zones")).isTrue();
        assertThat(model.get("versions")).hasSize(3);
        assertThat(model.get("versions").get(0).get("version").asText()).isEqualTo("2.0.0-rc.1");
        assertThat(response.header("ETag")).isEqualTo("\"" + model.get("revision").asLong() + "\"");
    }

    @Test
    void anUnchangedModelAnswers304ToItsEtag() {
        String id = Api.uniqueId("etag");
        String etag = api.register(id).header("ETag");

        assertThat(api.get(MODELS + "/" + id, "If-None-Match", etag).status()).isEqualTo(304);
        api.post(MODELS + "/" + id + "/enable", null);
        assertThat(api.get(MODELS + "/" + id, "If-None-Match", etag).status()).isEqualTo(200);
    }

    @Test
    void anUnknownModelIs404Problem() {
        Api.Response response = api.get(MODELS + "/never-registered");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("MODEL_NOT_FOUND");
        assertThat(response.json().get("type").asText()).startsWith("urn:problem-type:ai-model-registry:");
        assertThat(api.post(MODELS + "/never-registered/enable", null).status()).isEqualTo(404);
        assertThat(api.get(MODELS + "/never-registered/history").status()).isEqualTo(404);
        assertThat(api.get(MODELS + "/never-registered/versions").status()).isEqualTo(404);
    }

    @Test
    void theListFiltersByEnabledTaskTextTagAndRetirement() {
        String tag = "run:" + Api.uniqueId("t");
        String tagKey = tag.substring(0, tag.indexOf(':'));
        String a = Api.uniqueId("list-a");
        String b = Api.uniqueId("list-b");
        String c = Api.uniqueId("list-c");
        api.post(MODELS, Map.of("model_id", a, "name", "Alpha helmet check", "supported_tasks",
                List.of("ppe_detection"), "tags", Map.of(tagKey, tag.substring(tag.indexOf(':') + 1))));
        api.post(MODELS, Map.of("model_id", b, "name", "Beta", "description", "Finds 100% of helmets",
                "supported_tasks", List.of("ppe_detection", "person_detection"),
                "tags", Map.of(tagKey, tag.substring(tag.indexOf(':') + 1))));
        api.post(MODELS, Map.of("model_id", c, "name", "Gamma", "supported_tasks", List.of("fall_detection"),
                "tags", Map.of(tagKey, tag.substring(tag.indexOf(':') + 1))));
        api.post(MODELS + "/" + a + "/enable", null);
        api.post(MODELS + "/" + c + "/retire", Map.of("reason", "superseded"));

        assertThat(ids(api.get(MODELS + "?tag=" + tag))).containsExactly(b, a);
        assertThat(ids(api.get(MODELS + "?tag=" + tagKey))).containsExactly(b, a);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&include_retired=true"))).containsExactly(c, b, a);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&enabled=true"))).containsExactly(a);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&enabled=false"))).containsExactly(b);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&task=person_detection"))).containsExactly(b);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&q=HELMET"))).containsExactly(b, a);
        assertThat(ids(api.get(MODELS + "?tag=" + tag + "&q=100%25"))).containsExactly(b);
        JsonNode retiredList = api.get(MODELS + "?tag=" + tag + "&include_retired=true").json();
        assertThat(retiredList.get("total").asLong()).isEqualTo(3);
        assertThat(retiredList.get("models").get(0).get("status").asText()).isEqualTo("retired");
    }

    @Test
    void theListPagesWithAKeysetCursorAndCountsEveryMatch() {
        String tag = "page:" + Api.uniqueId("p");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Api.uniqueId("page" + i);
            api.post(MODELS, Map.of("model_id", id, "name", "Paged " + i,
                    "tags", Map.of("page", tag.substring(5))));
            registered.add(0, id);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(MODELS + "?tag=" + tag + "&limit=2" + (cursor == null ? "" : "&cursor="
                    + cursor)).json();
            assertThat(page.get("total").asLong()).isEqualTo(5);
            assertThat(page.get("models").size()).isLessThanOrEqualTo(2);
            page.get("models").forEach(m -> seen.add(m.get("model_id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(registered);
    }

    @Test
    void theListWithoutLimitReturnsEverythingInOneAnswer() {
        JsonNode all = api.get(MODELS + "?include_retired=true").json();

        assertThat(all.get("models").size()).isEqualTo(Math.min(1000, all.get("total").asInt()));
        assertThat(all.get("next_cursor").isNull()).isEqualTo(all.get("total").asInt() <= 1000);
    }

    @Test
    void theListAnswers304UntilAnythingChanges() {
        Api.Response first = api.get(MODELS);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(api.get(MODELS, "If-None-Match", etag).status()).isEqualTo(304);

        api.register(Api.uniqueId("etag-list"));

        Api.Response after = api.get(MODELS, "If-None-Match", etag);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void aListedModelIsTheSingleReadWithoutItsVersionsAndFollowsEveryChange() {
        String id = Api.uniqueId("listed");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, Map.of("threshold", Map.of("type", "number")));
        String page = "?q=" + id;

        JsonNode before = api.get(MODELS + page).json().get("models").get(0);
        JsonNode again = api.get(MODELS + page).json().get("models").get(0);
        api.post(MODELS + "/" + id + "/enable", null);
        JsonNode after = api.get(MODELS + page).json().get("models").get(0);

        JsonNode single = api.get(MODELS + "/" + id).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) single).remove("versions");
        assertThat(after).isEqualTo(single);
        assertThat(again).isEqualTo(before);
        assertThat(before.get("enabled").asBoolean()).isFalse();
        assertThat(after.get("enabled").asBoolean()).isTrue();
        assertThat(after.get("revision").asLong()).isEqualTo(before.get("revision").asLong() + 1);
        assertThat(after.get("config_schema").get("threshold").get("type").asText()).isEqualTo("number");
    }

    @Test
    void aRebuildReplacesWhatReadsHadRenderedFromTheOldReadModel(
            @org.springframework.beans.factory.annotation.Autowired
            org.springframework.jdbc.core.JdbcTemplate jdbc) {
        String id = Api.uniqueId("tampered");
        api.register(id);
        jdbc.update("UPDATE model SET name = 'tampered ' || name WHERE model_id = ?", id);
        String phantom = Api.uniqueId("phantom");
        jdbc.update("""
                INSERT INTO model (model_id, name, enabled, revision, created_at, updated_at)
                VALUES (?, 'no event made me', TRUE, 0, now(), now())""", phantom);
        assertThat(api.get(MODELS + "/" + phantom).status()).isEqualTo(200);
        assertThat(api.get(MODELS + "?q=" + id).json().get("models").get(0).get("name").asText())
                .startsWith("tampered");
        assertThat(api.get(MODELS + "/" + id).json().get("name").asText()).startsWith("tampered");

        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);

        JsonNode listed = api.get(MODELS + "?q=" + id).json().get("models").get(0);
        assertThat(listed.get("name").asText()).isEqualTo("Model " + id);
        assertThat(api.get(MODELS + "/" + id).json().get("name").asText()).isEqualTo("Model " + id);
        assertThat(api.get(MODELS + "/" + phantom).status()).isEqualTo(404);
    }

    @Test
    void badListParametersAre400() {
        assertThat(api.get(MODELS + "?limit=0").status()).isEqualTo(400);
        assertThat(api.get(MODELS + "?limit=1001").status()).isEqualTo(400);
        assertThat(api.get(MODELS + "?limit=ten").status()).isEqualTo(400);
        assertThat(api.get(MODELS + "?enabled=maybe").status()).isEqualTo(400);
        Api.Response cursor = api.get(MODELS + "?cursor=not-a-cursor");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("code").asText()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void aMergePatchChangesOnlyTheGivenMetadata() {
        String id = Api.uniqueId("patch");
        api.post(MODELS, Map.of("model_id", id, "name", "Before", "description", "Old",
                "supported_tasks", List.of("a"), "tags", Map.of("keep", "1", "drop", "2")));

        Api.Response patched = api.patch(MODELS + "/" + id,
                "{\"description\": null, \"tags\": {\"drop\": null, \"new\": \"3\"}}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode model = patched.json();
        assertThat(model.get("name").asText()).isEqualTo("Before");
        assertThat(model.get("description").isNull()).isTrue();
        assertThat(model.get("supported_tasks").get(0).asText()).isEqualTo("a");
        assertThat(model.get("tags")).hasSize(2);
        assertThat(model.get("tags").get("keep").asText()).isEqualTo("1");
        assertThat(model.get("tags").get("new").asText()).isEqualTo("3");
        assertThat(model.get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aPatchThatChangesNothingWritesNoEvent() {
        String id = Api.uniqueId("noop");
        api.register(id);

        Api.Response patched = api.patch(MODELS + "/" + id, Map.of("name", "Model " + id));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("revision").asLong()).isZero();
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(1);
    }

    @Test
    void badPatchesAre400AndWriteNothing() {
        String id = Api.uniqueId("badpatch");
        api.register(id);

        assertThat(api.patch(MODELS + "/" + id, "{\"name\": null}").json().get("code").asText())
                .isEqualTo("INVALID_TYPE");
        assertThat(api.patch(MODELS + "/" + id, "{\"colour\": \"red\"}").json().get("code").asText())
                .isEqualTo("UNKNOWN_FIELD");
        assertThat(api.patch(MODELS + "/" + id, "[1, 2]").status()).isEqualTo(400);
        assertThat(api.patch(MODELS + "/" + id, "{\"supported_tasks\": [\"Not A Task!\"]}").status())
                .isEqualTo(400);
        assertThat(api.send("PATCH", MODELS + "/" + id, "name=x", "text/plain").status()).isEqualTo(415);
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(1);
    }

    @Test
    void versionsAreAddedOnceAndListedAndReadBack() {
        String id = Api.uniqueId("ver");
        api.register(id);

        Api.Response added = api.addVersion(id, "1.0.0", 15, Map.of("zones", Map.of("type", "array")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo(MODELS + "/" + id + "/versions/1.0.0");
        assertThat(added.json().get("enabled").asBoolean()).isTrue();

        Api.Response repeated = api.addVersion(id, "1.0.0", 15, Map.of("zones", Map.of("type", "array")));
        assertThat(repeated.status()).isEqualTo(200);

        Api.Response conflicting = api.addVersion(id, "1.0.0", 30, null);
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.json().get("code").asText()).isEqualTo("VERSION_CONFLICT");

        api.addVersion(id, "1.10.0", 15, null);
        api.addVersion(id, "1.2.0", 15, null);
        JsonNode versions = api.get(MODELS + "/" + id + "/versions").json();
        assertThat(versions.get("total").asInt()).isEqualTo(3);
        assertThat(versions.get("versions").get(0).get("version").asText()).isEqualTo("1.10.0");

        JsonNode one = api.get(MODELS + "/" + id + "/versions/1.0.0").json();
        assertThat(one.get("performance").get("max_fps").asInt()).isEqualTo(15);
        assertThat(api.get(MODELS + "/" + id + "/versions/9.9.9").status()).isEqualTo(404);
        assertThat(api.get(MODELS + "/" + id + "/versions/not-semver").status()).isEqualTo(400);
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(4);
    }

    @Test
    void invalidVersionsAre400AndWriteNothing() {
        String id = Api.uniqueId("badver");
        api.register(id);

        assertThat(api.addVersion(id, "1.0", null, null).json().get("code").asText()).isEqualTo("INVALID_VERSION");
        assertThat(api.addVersion(id, "v1.0.0", null, null).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/" + id + "/versions", Map.of("version", "1.0.0",
                "performance", Map.of("max_fps", 100000))).json().get("code").asText())
                .isEqualTo("INVALID_PERFORMANCE");
        assertThat(api.post(MODELS + "/" + id + "/versions", Map.of("version", "1.0.0",
                "performance", Map.of("max_fps", 10, "recommended_fps", 20))).status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/" + id + "/versions", Map.of("version", "1.0.0",
                "config_schema", Map.of("type", "objekt"))).json().get("code").asText())
                .isEqualTo("INVALID_CONFIG_SCHEMA");
        assertThat(api.post(MODELS + "/" + id + "/versions", Map.of("version", "1.0.0",
                "input", List.of(1))).status()).isEqualTo(400);
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(1);
    }

    @Test
    void enableAndDisableAreIdempotentAndDisableNeedsAReason() {
        String id = Api.uniqueId("toggle");
        api.register(id);

        assertThat(api.post(MODELS + "/" + id + "/enable", null).json().get("enabled").asBoolean()).isTrue();
        assertThat(api.post(MODELS + "/" + id + "/enable", null).json().get("revision").asLong()).isEqualTo(1);
        Api.Response noReason = api.post(MODELS + "/" + id + "/disable", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asText()).isEqualTo("REASON_REQUIRED");
        JsonNode disabled = api.post(MODELS + "/" + id + "/disable", Map.of("reason", "maintenance")).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("status_reason").asText()).isEqualTo("maintenance");
        assertThat(api.post(MODELS + "/" + id + "/disable", Map.of("reason", "again")).json()
                .get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void versionsCanBeDisabledAndEnabledAndTheDefaultStaysWhereItIs() {
        String id = Api.uniqueId("vtoggle");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, null);
        api.addVersion(id, "2.0.0", 15, null);

        JsonNode afterDisable = api.post(MODELS + "/" + id + "/versions/2.0.0/disable",
                Map.of("reason", "regression")).json();
        assertThat(afterDisable.get("versions").get(0).get("enabled").asBoolean()).isFalse();
        assertThat(afterDisable.get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(afterDisable.has("warnings")).isFalse();
        JsonNode afterEnable = api.post(MODELS + "/" + id + "/versions/2.0.0/enable", null).json();
        assertThat(afterEnable.get("versions").get(0).get("enabled").asBoolean()).isTrue();
        assertThat(afterEnable.get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(api.post(MODELS + "/" + id + "/versions/3.0.0/enable", null).status()).isEqualTo(404);
        assertThat(api.post(MODELS + "/" + id + "/versions/2.0.0/disable", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aRetiredModelLeavesDiscoveryKeepsItsHistoryAndAcceptsNoCommand() {
        String id = Api.uniqueId("retire");
        api.register(id);
        JsonNode retired = api.post(MODELS + "/" + id + "/retire", Map.of("reason", "replaced")).json();
        assertThat(retired.get("status").asText()).isEqualTo("retired");

        assertThat(api.get(MODELS + "/" + id).status()).isEqualTo(200);
        Api.Response enable = api.post(MODELS + "/" + id + "/enable", null);
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.json().get("code").asText()).isEqualTo("MODEL_RETIRED");
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(2);
    }

    @Test
    void aStaleIfMatchIs412AndWritesNothing() {
        String id = Api.uniqueId("ifmatch");
        api.register(id);
        api.post(MODELS + "/" + id + "/enable", null, "If-Match", "\"0\"");

        Api.Response stale = api.post(MODELS + "/" + id + "/disable", Map.of("reason", "x"), "If-Match", "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("STALE_REVISION");
        assertThat(api.patch(MODELS + "/" + id, Map.of("name", "n"), "If-Match", "\"5\"").status()).isEqualTo(412);
        assertThat(api.post(MODELS + "/" + id + "/disable", Map.of("reason", "x"), "If-Match", "nonsense")
                .status()).isEqualTo(400);
        assertThat(api.post(MODELS + "/" + id + "/disable", Map.of("reason", "x"), "If-Match", "\"1\"")
                .status()).isEqualTo(200);
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(3);
    }

    @Test
    void historyListsEveryEventInOrderWithContiguousRevisions() {
        String id = Api.uniqueId("hist");
        api.register(id);
        api.addVersion(id, "1.0.0", 10, null);
        api.post(MODELS + "/" + id + "/enable", null);
        api.post(MODELS + "/" + id + "/disable", Map.of("reason", "night shift"));

        JsonNode events = api.get(MODELS + "/" + id + "/history").json().get("events");

        assertThat(events).hasSize(4);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("revision").asLong()).isEqualTo(i);
            assertThat(events.get(i).has("occurred_at")).isTrue();
            types.add(events.get(i).get("type").asText());
        }
        assertThat(types).containsExactly("ModelRegistered", "ModelVersionAdded", "ModelEnabled", "ModelDisabled");
        assertThat(events.get(3).get("data").get("reason").asText()).isEqualTo("night shift");
    }

    @Test
    void malformedAndUnknownInputIs400AndWritesNothing() {
        String id = Api.uniqueId("bad");

        Api.Response malformed = api.post(MODELS, "{\"model_id\": \"" + id + "\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("MALFORMED_JSON");

        Api.Response unknown = api.post(MODELS, Map.of("model_id", id, "name", "x", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");

        Api.Response wrongType = api.post(MODELS, Map.of("model_id", id, "name", List.of("x")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("code").asText()).isEqualTo("INVALID_TYPE");

        assertThat(api.post(MODELS, Map.of("model_id", "Bad Id!", "name", "x")).json().get("code").asText())
                .isEqualTo("INVALID_MODEL_ID");
        assertThat(api.post(MODELS, Map.of("model_id", "a".repeat(129), "name", "x")).status()).isEqualTo(400);
        assertThat(api.post(MODELS, Map.of("model_id", id)).json().get("code").asText()).isEqualTo("INVALID_NAME");
        assertThat(api.send("POST", MODELS, "model_id=" + id, "text/plain").status()).isEqualTo(415);
        assertThat(api.send("DELETE", MODELS + "/" + id, null, null).status()).isEqualTo(405);
        assertThat(api.get(MODELS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String id = Api.uniqueId("huge");
        String huge = "{\"model_id\": \"" + id + "\", \"name\": \"x\", \"description\": \"" + "a".repeat(1_100_000)
                + "\"}";

        Api.Response response = api.post(MODELS, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.get(MODELS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void thePlatformsRealIdsAreAccepted() {
        for (String id : List.of("geo_fencing", "fall-detection", "ruth-person-detection-v1")) {
            String unique = id + "-" + Api.uniqueId("x");
            assertThat(api.register(unique).status()).as(unique).isEqualTo(201);
        }
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("models").forEach(m -> ids.add(m.get("model_id").asText()));
        return ids;
    }
}
