package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Many clients race enable, disable and metadata updates on one model. No answer is a 5xx; revisions in the log
 * are contiguous; every acknowledged update is in the log exactly once; and the model ends in the state the last
 * command in the log, an acknowledged one, left it in.
 */
@RegistryTest
class RaceTest {

    private static final int CLIENTS = 16;
    private static final int COMMANDS_PER_CLIENT = 15;

    @LocalServerPort
    int port;

    record Ack(String kind, String name) {
    }

    @Test
    void racingEnableDisableAndUpdateGiveNo5xxContiguousRevisionsAndTheLastAcknowledgedState() throws Exception {
        Api api = new Api(port);
        String id = Api.uniqueId("race-all");
        String model = "/api/v1/ai-models/" + id;
        api.register(id);
        api.addVersion(id, "1.0.0", 15, null);
        List<Ack> acks = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < COMMANDS_PER_CLIENT; n++) {
                    String kind = List.of("enable", "disable", "update").get((client + n) % 3);
                    String name = "name " + client + "-" + n;
                    Api.Response answer = switch (kind) {
                        case "enable" -> api.post(model + "/enable", null);
                        case "disable" -> api.post(model + "/disable", Map.of("reason", "race " + client));
                        default -> api.patch(model, Map.of("name", name));
                    };
                    statuses.add(answer.status());
                    if (answer.status() == 200) {
                        acks.add(new Ack(kind, name));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();

        assertThat(statuses).as("answers").allMatch(s -> s == 200 || s == 409);
        JsonNode events = api.get(model + "/history").json().get("events");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("revision").asLong()).as("revision %d", i).isEqualTo(i);
        }
        List<String> updated = new ArrayList<>();
        String lastName = null;
        Boolean lastEnabled = null;
        for (JsonNode event : events) {
            switch (event.get("type").asText()) {
                case "ModelMetadataUpdated" -> {
                    lastName = event.get("data").get("name").asText();
                    updated.add(lastName);
                }
                case "ModelEnabled" -> lastEnabled = true;
                case "ModelDisabled" -> lastEnabled = false;
                default -> { }
            }
        }
        assertThat(updated).as("every acknowledged update is in the log, once")
                .containsAll(acks.stream().filter(a -> a.kind().equals("update")).map(Ack::name).toList())
                .doesNotHaveDuplicates();
        JsonNode last = events.get(events.size() - 1);
        if (last.get("type").asText().equals("ModelMetadataUpdated")) {
            assertThat(acks).as("the last event's command was acknowledged")
                    .anyMatch(a -> a.name().equals(last.get("data").get("name").asText()));
        }
        JsonNode state = api.get(model).json();
        assertThat(state.get("revision").asLong()).isEqualTo(events.size() - 1);
        assertThat(state.get("name").asText()).isEqualTo(lastName);
        assertThat(state.get("enabled").asBoolean()).isEqualTo(lastEnabled);
        System.out.printf("race: %d commands from %d clients, %d acknowledged, %d answered 409, 0 5xx, "
                + "%d events with contiguous revisions%n", statuses.size(), CLIENTS, acks.size(),
                statuses.stream().filter(s -> s == 409).count(), events.size());
    }
}
