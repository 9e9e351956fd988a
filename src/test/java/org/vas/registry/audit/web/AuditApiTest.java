package org.vas.registry.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class AuditApiTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final String FEED = "/api/v1/registry/events";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void everyEventRecordsWhoWhyAndWhichRequest() {
        String id = Api.uniqueId("meta");
        api.register(id);
        api.post(MODELS + "/" + id + "/enable", null);

        Api.Response disable = api.post(MODELS + "/" + id + "/disable", Map.of("reason", "camera 12 false alarms"),
                "X-Request-Id", "incident-4711");

        assertThat(disable.header("X-Request-Id")).isEqualTo("incident-4711");
        JsonNode events = api.get(MODELS + "/" + id + "/history").json().get("events");
        JsonNode disabled = events.get(2);
        assertThat(disabled.get("type").asText()).isEqualTo("ModelDisabled");
        assertThat(disabled.get("actor").asText()).isEqualTo("apikey:bootstrap-admin");
        assertThat(disabled.get("reason").asText()).isEqualTo("camera 12 false alarms");
        assertThat(disabled.get("correlation_id").asText()).isEqualTo("incident-4711");
        assertThat(disabled.get("causation_id").asText()).isNotBlank();
        assertThat(disabled.get("position").asLong()).isEqualTo(Long.parseLong(disable.header("Registry-Position")));
        assertThat(events.get(0).get("correlation_id").asText()).isNotEqualTo("incident-4711");
        assertThat(events.get(0).get("reason").isNull()).isTrue();
    }

    @Test
    void aRequestWithoutAnIdGetsOneEchoedBack() {
        Api.Response response = api.register(Api.uniqueId("noid"));

        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.header("Registry-Position")).matches("\\d+");
    }

    @Test
    void historyPagesThroughOneModelsEvents() {
        String id = Api.uniqueId("pages");
        api.register(id);
        for (int i = 0; i < 3; i++) {
            api.post(MODELS + "/" + id + "/enable", null);
            api.post(MODELS + "/" + id + "/disable", Map.of("reason", "round " + i));
        }
        List<Long> revisions = new ArrayList<>();
        long after = -1;
        while (true) {
            JsonNode page = api.get(MODELS + "/" + id + "/history?limit=3&after_revision=" + after).json();
            page.get("events").forEach(e -> revisions.add(e.get("revision").asLong()));
            if (page.get("next_after_revision").isNull()) {
                break;
            }
            after = page.get("next_after_revision").asLong();
        }
        assertThat(revisions).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(api.get(MODELS + "/" + id + "/history?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theFeedListsEventsOldestFirstAfterAPositionAndFilters() {
        long start = api.get(FEED + "?limit=1").json().get("head").asLong();
        String a = Api.uniqueId("feed-a");
        String b = Api.uniqueId("feed-b");
        api.register(a);
        api.register(b);
        api.post(MODELS + "/" + a + "/enable", null);
        api.post(MODELS + "/" + b + "/retire", Map.of("reason", "duplicate of " + a));

        JsonNode all = api.get(FEED + "?after=" + start + "&limit=1000").json();
        List<String> seen = new ArrayList<>();
        long previous = start;
        for (JsonNode event : all.get("events")) {
            assertThat(event.get("position").asLong()).isGreaterThan(previous);
            previous = event.get("position").asLong();
            String modelId = event.get("model_id").asText();
            if (modelId.equals(a) || modelId.equals(b)) {
                seen.add(modelId + ":" + event.get("type").asText());
            }
        }
        assertThat(seen).containsExactly(a + ":ModelRegistered", b + ":ModelRegistered", a + ":ModelEnabled",
                b + ":ModelRetired");
        assertThat(all.get("next_after").asLong()).isEqualTo(previous);

        JsonNode onlyB = api.get(FEED + "?after=" + start + "&model_id=" + b).json().get("events");
        assertThat(onlyB).hasSize(2);
        JsonNode retirements = api.get(FEED + "?after=" + start + "&type=ModelRetired&model_id=" + b).json()
                .get("events");
        assertThat(retirements).hasSize(1);
        assertThat(retirements.get(0).get("reason").asText()).isEqualTo("duplicate of " + a);
        assertThat(api.get(FEED + "?type=ModelExploded").json().get("code").asText())
                .isEqualTo("INVALID_EVENT_TYPE");
        assertThat(api.get(FEED + "?after=-1").status()).isEqualTo(400);
        assertThat(api.get(FEED + "?limit=5000").status()).isEqualTo(400);
    }

    @Test
    void asOfAnswersFromTheLogAsItStoodAtKnownInstantsAndPositions() throws Exception {
        String id = Api.uniqueId("travel");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, null);
        api.post(MODELS + "/" + id + "/enable", null);
        Thread.sleep(5);
        api.post(MODELS + "/" + id + "/disable", Map.of("reason", "audit me"));
        JsonNode events = api.get(MODELS + "/" + id + "/history").json().get("events");
        String enabledAt = events.get(2).get("occurred_at").asText();
        long enabledPosition = events.get(2).get("position").asLong();
        String registeredAt = events.get(0).get("occurred_at").asText();

        JsonNode then = api.get(MODELS + "/" + id + "?as_of=" + enabledAt).json();
        assertThat(then.get("enabled").asBoolean()).isTrue();
        assertThat(then.get("revision").asLong()).isEqualTo(2);
        assertThat(then.get("default_version").asText()).isEqualTo("1.0.0");
        assertThat(api.get(MODELS + "/" + id + "?as_of=" + enabledPosition).json().get("enabled").asBoolean())
                .isTrue();
        assertThat(api.get(MODELS + "/" + id + "?as_of=" + registeredAt).json().get("versions")).isEmpty();
        assertThat(api.get(MODELS + "/" + id).json().get("enabled").asBoolean()).isFalse();
        assertThat(api.get(MODELS + "/" + id + "?as_of=2000-01-01T00:00:00Z").status()).isEqualTo(404);
        assertThat(api.get(MODELS + "/" + id + "?as_of=last-tuesday").json().get("code").asText())
                .isEqualTo("INVALID_AS_OF");

        JsonNode listThen = api.get(MODELS + "?enabled=true&as_of=" + enabledAt).json();
        assertThat(Api.modelIds(listThen)).contains(id);
        assertThat(Api.modelIds(api.get(MODELS + "?enabled=true").json())).doesNotContain(id);

        Map<String, Object> assignment = Map.of("camera_id", CAMERA, "model_id", id, "desired_fps", 5);
        assertThat(api.post(MODELS + "/validate-assignment?as_of=" + enabledAt, assignment).json().get("valid")
                .asBoolean()).isTrue();
        assertThat(api.post(MODELS + "/validate-assignment", assignment).json().get("valid").asBoolean()).isFalse();
        JsonNode beforeItExisted = api.post(MODELS + "/validate-assignment?as_of=2000-01-01T00:00:00Z",
                assignment).json();
        assertThat(beforeItExisted.get("violations").get(0).get("code").asText()).isEqualTo("UNKNOWN_MODEL");
    }

    @Test
    void asOfComparesInstantsAsInstantsFromTheFarPastToTheFarFuture() {
        String id = Api.uniqueId("instant");
        api.register(id);
        java.time.Instant registered = java.time.Instant.parse(jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, id));

        for (String future : List.of("+10000-01-01T00:00:00Z", "+294276-12-31T23:59:59.999999Z",
                "9999-12-31T23:59:59Z", registered.toString())) {
            String asOf = java.net.URLEncoder.encode(future, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Api.modelIds(api.get(MODELS + "?include_retired=true&as_of=" + asOf).json())).as(future).contains(id);
            assertThat(api.get(MODELS + "/" + id + "?as_of=" + asOf).status()).as(future).isEqualTo(200);
        }
        for (java.time.temporal.ChronoUnit unit : List.of(java.time.temporal.ChronoUnit.SECONDS,
                java.time.temporal.ChronoUnit.MILLIS)) {
            java.time.Instant earlier = registered.truncatedTo(unit);
            int expected = earlier.equals(registered) ? 200 : 404;
            assertThat(api.get(MODELS + "/" + id + "?as_of=" + earlier).status()).as(earlier.toString())
                    .isEqualTo(expected);
        }
        assertThat(api.get(MODELS + "/" + id + "?as_of=" + registered.minusNanos(1000)).status()).isEqualTo(404);
        assertThat(Api.modelIds(api.get(MODELS + "?as_of=-4713-11-24T00:00:00Z").json())).isEmpty();

        for (String outside : List.of("+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z",
                "+294276-12-31T23:59:59.9999991Z", "+999999999-12-31T23:59:59Z")) {
            Api.Response refused = api.get(MODELS + "?as_of="
                    + java.net.URLEncoder.encode(outside, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(refused.status()).as(outside + " -> " + refused).isEqualTo(400);
            assertThat(refused.json().path("code").textValue()).isEqualTo("INVALID_AS_OF");
        }
    }

    @Test
    void aPastListWithoutAFilterAsOfTheHeadIsTheCurrentListPageForPage() {
        String tag = Api.uniqueId("past");
        for (int m = 0; m < 9; m++) {
            String id = tag + "-" + m;
            api.register(id);
            if (m % 3 == 0) {
                api.post(MODELS + "/" + id + "/enable", null);
            }
        }
        assertThat(api.post(MODELS + "/" + tag + "-4/retire", Map.of("reason", "gone")).status()).isEqualTo(200);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        for (String query : List.of("?limit=7", "?include_retired=true&limit=7")) {
            String cursor = null;
            int pages = 0;
            do {
                String page = MODELS + query + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode now = api.get(page).json();
                JsonNode then = api.get(page + "&as_of=" + head).json();
                assertThat(then).as(page).isEqualTo(now);
                cursor = now.path("next_cursor").textValue();
                pages++;
            } while (cursor != null && pages < 3);
        }
    }

    @Test
    void aReaderAskingForAPositionIsServedOnceTheReadModelHasIt() {
        Api.Response write = api.register(Api.uniqueId("minpos"));
        String position = write.header("Registry-Position");

        assertThat(api.get(MODELS, "Registry-Min-Position", position).status()).isEqualTo(200);
        Api.Response tooFar = api.get(MODELS, "Registry-Min-Position", "999999999");
        assertThat(tooFar.status()).isEqualTo(503);
        assertThat(tooFar.header("Retry-After")).isNotBlank();
        assertThat(tooFar.json().get("code").asText()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(api.get(MODELS, "Registry-Min-Position", "soon").status()).isEqualTo(400);
    }

    @Test
    void projectionStatusShowsPositionHeadAndLag() {
        api.register(Api.uniqueId("status"));

        JsonNode status = api.get("/api/v1/admin/projections").json();

        JsonNode projection = status.get("projections").get(0);
        assertThat(projection.get("name").asText()).isEqualTo("model-projection");
        assertThat(projection.get("position").asLong()).isEqualTo(status.get("head").asLong());
        assertThat(projection.get("lag").asLong()).isZero();
    }

    @Test
    void verifyFindsATamperedReadModelAndARebuildRestoresIt() {
        String id = Api.uniqueId("tamper");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, null);
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();

        jdbc.update("UPDATE model SET name = 'forged', enabled = TRUE WHERE model_id = ?", id);
        jdbc.update("UPDATE model_version SET enabled = FALSE WHERE model_id = ?", id);

        JsonNode report = api.get("/api/v1/admin/verify").json();
        assertThat(report.get("consistent").asBoolean()).isFalse();
        List<String> fields = new ArrayList<>();
        report.get("differences").forEach(d -> {
            assertThat(d.get("model_id").asText()).isEqualTo(id);
            fields.add(d.get("field").asText());
        });
        assertThat(fields).contains("name", "enabled", "versions");

        JsonNode rebuilt = api.post("/api/v1/admin/projections/model-projection/rebuild", null).json();
        assertThat(rebuilt.get("events_applied").asInt()).isGreaterThan(0);

        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
        JsonNode model = api.get(MODELS + "/" + id).json();
        assertThat(model.get("name").asText()).isEqualTo("Model " + id);
        assertThat(model.get("enabled").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/admin/projections/no-such/rebuild", null).status()).isEqualTo(404);
    }

    @Test
    void aRebuildWritesBackTextThatLooksLikeItsOwnFormatExactly() {
        String id = Api.uniqueId("quoted");
        String name = "He said \"hi\", then left\\ {twice}";
        String description = "\"two\", with a , comma and \\N, \"\" and NULL";
        List<String> tasks = List.of("null", "a.b", "x-y");
        Map<String, String> tags = Map.of("team", "v,\"x\"\\ {y}", "empty", "");
        assertThat(api.post(MODELS, Map.of("model_id", id, "name", name, "description", description,
                "supported_tasks", tasks, "tags", tags)).status()).as("registered").isEqualTo(201);
        api.addVersion(id, "1.0.0", 12, Map.of("note", Map.of("type", "string",
                "description", "a \"quoted\", line\n\twith \\N, \\ and \uD83D\uDE00 beyond the plane")));
        JsonNode before = api.get(MODELS + "/" + id).json();
        String storedBefore = storedSchema(id);

        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);

        JsonNode after = api.get(MODELS + "/" + id).json();
        assertThat(after).isEqualTo(before);
        assertThat(storedSchema(id)).as("the stored text, to the character").isEqualTo(storedBefore);
        assertThat(after.get("name").asText()).isEqualTo(name);
        assertThat(after.get("description").asText()).isEqualTo(description);
        assertThat(after.get("supported_tasks").toString()).isEqualTo(before.get("supported_tasks").toString());
        assertThat(after.get("supported_tasks")).hasSize(3);
        assertThat(after.get("tags").get("team").asText()).isEqualTo(tags.get("team"));
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
    }

    private String storedSchema(String id) {
        return jdbc.queryForObject("SELECT config_schema::text FROM model_version WHERE model_id = ?", String.class,
                id);
    }
}
