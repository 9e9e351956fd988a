package org.vas.registry.model.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * A model loads from the state the read model stores for it, which the projection wrote in the transaction of its
 * last event, and decides exactly as one replayed from its first event.
 */
@RegistryTest
class ModelRepositoryTest {

    private static final String MODELS = "/api/v1/ai-models";

    @LocalServerPort
    int port;

    @Autowired
    ModelRepository repository;

    @Test
    void aModelWithManyEventsLoadsFromItsStoredStateWithoutReplayingAnyAndKeepsEveryRule() {
        Api api = new Api(port);
        String id = Api.uniqueId("snapshot");
        api.register(id);
        Map<String, Object> schema = Map.of("zones", Map.of("type", "array"));
        assertThat(api.addVersion(id, "1.0.0", 15, schema).status()).isEqualTo(201);
        assertThat(api.addVersion(id, "1.1.0-rc.1", 10, null).status()).isEqualTo(201);
        for (int i = 0; i < 60; i++) {
            assertThat(api.post(MODELS + "/" + id + "/enable", null).status()).isEqualTo(200);
            assertThat(api.post(MODELS + "/" + id + "/disable", Map.of("reason", "toggle " + i)).status())
                    .isEqualTo(200);
        }

        DomainEventStream loaded = repository.readEvents(id);
        DomainEventMessage<?> loadedFrom = loaded.next();
        assertThat(loadedFrom.getSequenceNumber()).isEqualTo(122);
        assertThat(loadedFrom.getPayload()).isInstanceOf(ModelAggregate.class);
        assertThat(loaded.hasNext()).as("events replayed after the stored state").isFalse();
        Api.Response model = api.get(MODELS + "/" + id);
        assertThat(model.json().path("revision").asLong()).isEqualTo(122);
        assertThat(api.post(MODELS + "/" + id + "/disable", Map.of("reason", "again")).header("ETag"))
                .isEqualTo("\"122\"");
        assertThat(api.addVersion(id, "1.0.0", 15, schema).status()).isEqualTo(200);
        assertThat(api.addVersion(id, "1.0.0", 30, schema).status()).isEqualTo(409);
        assertThat(api.post(MODELS + "/" + id + "/enable", null, "If-Match", "\"121\"").status()).isEqualTo(412);
        assertThat(api.post(MODELS + "/" + id + "/versions/1.1.0-rc.1/disable", Map.of("reason", "rc"),
                "If-Match", "\"122\"").status()).isEqualTo(200);
        assertThat(api.post(MODELS + "/" + id + "/versions/9.9.9/enable", null).status()).isEqualTo(404);
        assertThat(api.post(MODELS + "/" + id + "/enable", null).json().path("revision").asLong()).isEqualTo(124);
        assertThat(api.get(MODELS + "/" + id + "/history").json().path("events").size()).isEqualTo(125);
    }
}
