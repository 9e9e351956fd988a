package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;
import org.vas.registry.support.SharedPostgres;

/**
 * PostgreSQL stops under load and starts again, the registry process running throughout. Meanwhile commands fail
 * fast with a 503 problem, validation fails closed, readiness goes DOWN; afterwards the same process serves again
 * without a restart and nothing it acknowledged is missing.
 */
class DatabaseOutageTest {

    private static final String[] KEY = {"X-API-Key", AppProcess.ADMIN_KEY};
    private static final long CONNECTION_TIMEOUT_MS = 2_000;
    /** The connection timeout plus room for a loaded two-core machine. */
    private static final long ANSWER_BOUND_MS = CONNECTION_TIMEOUT_MS + 3_000;
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    record Answer(String what, int status, String contentType, long millis, boolean valid) {
    }

    @Test
    void withPostgresqlStoppedCommandsFailFastWith503ValidationFailsClosedAndTheRegistryRecoversWithoutRestart()
            throws Exception {
        try (SharedPostgres db = new SharedPostgres("outage")) {
            Map<String, String> environment = new HashMap<>(db.environment());
            environment.put("REGISTRY_DB_CONNECTION_TIMEOUT", String.valueOf(CONNECTION_TIMEOUT_MS));
            try (AppProcess app = AppProcess.start("outage", environment).awaitReady(Duration.ofSeconds(90))) {
                Api api = app.api();
                String model = Api.uniqueId("outage-model");
                assertThat(register(api, model).status()).isEqualTo(201);
                assertThat(api.send("POST", "/api/v1/ai-models/" + model + "/versions", Map.of("version", "1.0.0",
                        "performance", Map.of("recommended_fps", 5, "max_fps", 15)), "application/json", KEY)
                        .status()).isEqualTo(201);
                assertThat(api.post("/api/v1/ai-models/" + model + "/enable", null, KEY).status()).isEqualTo(200);

                List<Answer> answers = new CopyOnWriteArrayList<>();
                List<String> acknowledged = new CopyOnWriteArrayList<>();
                AtomicBoolean running = new AtomicBoolean(true);
                List<CompletableFuture<Void>> load = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    load.add(CompletableFuture.runAsync(() -> {
                        while (running.get()) {
                            String id = Api.uniqueId("outage");
                            Answer answer = timed("register", () -> register(api, id));
                            answers.add(answer);
                            if (answer.status() == 201) {
                                acknowledged.add(id);
                            }
                        }
                    }));
                }
                load.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        answers.add(timed("validate", () -> api.send("POST", "/api/v1/ai-models/validate-assignment",
                                Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", model,
                                        "desired_fps", 10), "application/json", KEY)));
                    }
                }));
                Thread.sleep(1_000);

                db.stop();
                long stopped = System.nanoTime();
                boolean readinessWentDown = false;
                while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
                    readinessWentDown |= api.get("/actuator/health/readiness", KEY).status() == 503;
                    Thread.sleep(200);
                }
                long failedDuringOutage = answers.stream().filter(a -> a.status() == 503).count();
                db.start();
                long restarted = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        api.get("/actuator/health/readiness", KEY).status() == 200
                                && register(api, Api.uniqueId("outage-probe")).status() == 201);
                long recoveryMillis = (System.nanoTime() - restarted) / 1_000_000;
                Thread.sleep(1_000);
                running.set(false);
                for (CompletableFuture<Void> client : load) {
                    client.get();
                }

                assertThat(readinessWentDown).as("readiness DOWN while the database is away").isTrue();
                assertThat(failedDuringOutage).as("requests answered 503 during the outage").isPositive();
                assertThat(answers).as("no 5xx but 503, every 503 a problem").allSatisfy(a -> {
                    assertThat(a.status()).as(a.toString()).isIn(200, 201, 503);
                    if (a.status() == 503) {
                        assertThat(a.contentType()).as(a.toString()).startsWith("application/problem+json");
                    }
                    assertThat(a.millis()).as("answered within the bound: " + a).isLessThan(ANSWER_BOUND_MS);
                });
                assertThat(answers).as("validation fails closed").filteredOn(a -> a.what().equals("validate"))
                        .allMatch(a -> a.status() == 503 || a.valid());
                for (String id : acknowledged) {
                    assertThat(api.get("/api/v1/ai-models/" + id, KEY).status()).as(id).isEqualTo(200);
                }
                System.out.printf("database outage: %d requests, %d answered 503, 0 other 5xx, slowest %d ms, "
                        + "recovered %d ms after PostgreSQL restarted, %d acknowledged, 0 lost%n", answers.size(),
                        answers.stream().filter(a -> a.status() == 503).count(),
                        answers.stream().mapToLong(Answer::millis).max().orElse(0), recoveryMillis,
                        acknowledged.size());
            }
        }
    }

    private static Api.Response register(Api api, String id) {
        return api.send("POST", "/api/v1/ai-models", Map.of("model_id", id, "name", "Outage " + id,
                "supported_tasks", List.of("object_detection")), "application/json", KEY);
    }

    private static Answer timed(String what, java.util.function.Supplier<Api.Response> request) {
        long started = System.nanoTime();
        Api.Response response = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode body = response.status() == 200 ? response.json() : null;
        return new Answer(what, response.status(), response.header("Content-Type"), millis,
                body != null && body.path("valid").asBoolean(false));
    }
}
