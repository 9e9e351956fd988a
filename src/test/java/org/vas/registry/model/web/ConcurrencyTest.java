package org.vas.registry.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ConcurrencyTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final int CLIENTS = 20;

    @LocalServerPort
    int port;

    private Api api;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        pool = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void twentyConcurrentRegistrationsOfOneIdGiveOneCreatedAndNineteenConflicts() throws Exception {
        String id = Api.uniqueId("race");

        List<Integer> statuses = race(i -> api.register(id).status());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(CLIENTS - 1);
        assertThat(api.get(MODELS + "/" + id + "/history").json().get("events")).hasSize(1);
    }

    @Test
    void concurrentEnableAndDisableNeverFailAndKeepRevisionsContiguous() throws Exception {
        String id = Api.uniqueId("flip");
        api.register(id);

        List<Integer> statuses = race(i -> (i % 2 == 0
                ? api.post(MODELS + "/" + id + "/enable", null)
                : api.post(MODELS + "/" + id + "/disable", Map.of("reason", "flip " + i))).status());

        assertThat(statuses).allMatch(s -> s == 200);
        JsonNode events = api.get(MODELS + "/" + id + "/history").json().get("events");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("revision").asLong()).isEqualTo(i);
        }
        for (int i = 2; i < events.size(); i++) {
            assertThat(events.get(i).get("type").asText()).isNotEqualTo(events.get(i - 1).get("type").asText());
        }
        JsonNode model = api.get(MODELS + "/" + id).json();
        assertThat(model.get("revision").asLong()).isEqualTo(events.size() - 1);
        assertThat(model.get("enabled").asBoolean())
                .isEqualTo(events.get(events.size() - 1).get("type").asText().equals("ModelEnabled"));
    }

    private List<Integer> race(Client client) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            answers.add(pool.submit((Callable<Integer>) () -> {
                start.await();
                return client.call(n);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    @FunctionalInterface
    private interface Client {
        int call(int n) throws Exception;
    }
}
