package org.vas.registry.model.event.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * A model whose events were written before defaults were explicit: the events below are stored exactly as the
 * registry wrote them then (revision 1, no {@code implicit_default}), straight into the log.
 */
@RegistryTest
class ImplicitDefaultUpcasterTest {

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void aModelWrittenBeforeExplicitDefaultsKeepsTheDefaultsTheOldRuleGaveItAtEveryPosition() {
        Api api = new Api(port);
        String id = Api.uniqueId("old-default");
        long registered = append(id, 0, ModelRegistered.class, "1",
                "{\"model_id\":\"" + id + "\",\"name\":\"Old\",\"description\":null,\"supported_tasks\":[],\"tags\":{}}");
        long first = append(id, 1, ModelVersionAdded.class, "1", added(id, "1.0.0"));
        long second = append(id, 2, ModelVersionAdded.class, "1", added(id, "2.0.0"));
        long rc = append(id, 3, ModelVersionAdded.class, "1", added(id, "3.0.0-rc.1"));
        long disabled = append(id, 4, ModelVersionDisabled.class, "1",
                "{\"model_id\":\"" + id + "\",\"version\":\"2.0.0\",\"reason\":\"drift\"}");
        long enabled = append(id, 5, ModelVersionEnabled.class, null,
                "{\"model_id\":\"" + id + "\",\"version\":\"2.0.0\"}");
        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);

        assertThat(defaultAt(api, id, registered).isNull()).isTrue();
        assertThat(defaultAt(api, id, first).asText()).isEqualTo("1.0.0");
        assertThat(defaultAt(api, id, second).asText()).isEqualTo("2.0.0");
        assertThat(defaultAt(api, id, rc).asText()).isEqualTo("2.0.0");
        assertThat(defaultAt(api, id, disabled).asText()).isEqualTo("1.0.0");
        assertThat(defaultAt(api, id, enabled).asText()).isEqualTo("2.0.0");
        assertThat(api.get("/api/v1/ai-models/" + id).json().get("default_version").asText()).isEqualTo("2.0.0");
        JsonNode history = api.get("/api/v1/ai-models/" + id + "/history").json().get("events");
        assertThat(history.get(4).get("data").get("implicit_default").asBoolean()).isTrue();

        // From here on the default moves only when an admin says so: the aggregate reads the old events too.
        Api.Response add = api.addVersion(id, "4.0.0", 30, null);
        assertThat(add.status()).as(add.toString()).isEqualTo(201);
        Api.Response disable = api.post("/api/v1/ai-models/" + id + "/versions/2.0.0/disable",
                java.util.Map.of("reason", "regression"));
        assertThat(disable.status()).as(disable.toString()).isEqualTo(200);
        assertThat(disable.json().get("default_version").asText()).isEqualTo("2.0.0");
        JsonNode newer = api.get("/api/v1/ai-models/" + id + "/history").json().get("events").get(6);
        assertThat(newer.get("type").asText()).isEqualTo("ModelVersionAdded");
        assertThat(newer.get("data").has("implicit_default")).isFalse();

        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/ai-models/" + id).json().get("default_version").asText()).isEqualTo("2.0.0");
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
    }

    private static JsonNode defaultAt(Api api, String id, long position) {
        Api.Response then = api.get("/api/v1/ai-models/" + id + "?as_of=" + position);
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        return then.json().get("default_version");
    }

    private static String added(String id, String version) {
        return "{\"model_id\":\"" + id + "\",\"version\":\"" + version + "\",\"config_schema\":null,"
                + "\"performance\":{\"recommended_fps\":5,\"max_fps\":15,\"inference_time_hint_ms\":null},"
                + "\"input\":null,\"output\":null,\"hardware\":null,\"limits\":null,\"capabilities\":null}";
    }

    private long append(String id, long sequence, Class<?> type, String revision, String payload) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'ModelAggregate', ?, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), id, sequence, "2026-01-01T00:00:0" + sequence + ".000Z",
                type.getName(), revision, payload.getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"apikey:bootstrap\"}".getBytes(StandardCharsets.UTF_8));
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", Long.class, id, sequence);
    }
}
