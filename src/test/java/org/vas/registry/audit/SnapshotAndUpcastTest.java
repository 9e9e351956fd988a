package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.command.DisableModel;
import org.vas.registry.model.command.EnableModel;
import org.vas.registry.model.command.RegisterModel;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class SnapshotAndUpcastTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void aModelWithAThousandEventsKeepsItsRevisionRulesAndIsFoldedWholeAcrossPagesOfItsHistory() {
        ModelId id = ModelId.of(Api.uniqueId("long-history"));
        commands.sendAndWait(new RegisterModel(id, "Long history", null, List.of(), Map.of()));
        for (int i = 0; i < 500; i++) {
            commands.sendAndWait(new EnableModel(id, null));
            if (i < 499) {
                commands.sendAndWait(new DisableModel(id, "toggle " + i, null));
            }
        }

        assertThat(new Api(port).post("/api/v1/ai-models/" + id + "/disable", Map.of("reason", "stale"),
                "If-Match", "\"998\"").status()).isEqualTo(412);
        commands.sendAndWait(new DisableModel(id, "after a thousand events", 999L));
        commands.sendAndWait(new EnableModel(id, 1000L));
        Api api = new Api(port);
        JsonNode model = api.get("/api/v1/ai-models/" + id).json();
        assertThat(model.get("revision").asLong()).isEqualTo(1001);
        assertThat(model.get("enabled").asBoolean()).isTrue();

        // Verification and the rebuild fold each model's history as it is fetched, a page of 1,000 events at a time.
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/ai-models/" + id).json()).isEqualTo(model);
    }

    @Test
    void aStoredModelDisabledWithoutAReasonReadsAsUnspecified() {
        Api api = new Api(port);
        String id = Api.uniqueId("old-format");
        api.register(id);
        api.post("/api/v1/ai-models/" + id + "/enable", null);
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 2, 'ModelAggregate', '2026-01-01T00:00:00.000Z', ?, NULL, ?, ?)""",
                java.util.UUID.randomUUID().toString(), id, ModelDisabled.class.getName(),
                ("{\"model_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        JsonNode old = api.get("/api/v1/ai-models/" + id + "/history").json().get("events").get(2);
        assertThat(old.get("type").asText()).isEqualTo("ModelDisabled");
        assertThat(old.get("data").get("reason").asText()).isEqualTo("unspecified");

        Api.Response enable = api.post("/api/v1/ai-models/" + id + "/enable", null, "If-Match", "\"2\"");
        assertThat(enable.status()).as(enable.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/ai-models/" + id + "/history").json().get("events")).hasSize(4);
        assertThat(api.post("/api/v1/admin/projections/model-projection/rebuild", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/verify").json().get("consistent").asBoolean()).isTrue();
    }
}
