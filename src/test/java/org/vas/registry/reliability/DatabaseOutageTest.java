package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vas.registry.support.Api;
import org.vas.registry.support.Jwts;
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

    /**
     * The embedded PostgreSQL and its backends are SIGKILLed under a registry serving every kind of request, then
     * every kind is asked again: each answers a 503 problem with Retry-After (validation may also say
     * valid:false), none a 500, and liveness goes DOWN so that a supervisor restarts the registry. The requests
     * present a JWT, which needs no database to check, so that each reaches its endpoint.
     */
    @Test
    void withTheEmbeddedPostgresqlKilledEveryEndpointAnswers503AndLivenessGoesDown() throws Exception {
        Path data = AppProcess.freshDirectory("killed-postgres");
        KeyPair jwtKeys = Jwts.keyPair();
        Path publicKey = Jwts.publicKeyPem(jwtKeys);
        Map<String, String> environment = Map.of("REGISTRY_DATA_DIR", data.toString(),
                "REGISTRY_DB_CONNECTION_TIMEOUT", String.valueOf(CONNECTION_TIMEOUT_MS),
                "REGISTRY_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey);
        String bearer = "Bearer " + token(jwtKeys);
        try (AppProcess app = AppProcess.start("killed-postgres", environment).awaitReady(Duration.ofSeconds(90))) {
            Api api = new Api(app.port(), null);
            String model = Api.uniqueId("killed");
            assertThat(register(app.api(), model).status()).isEqualTo(201);
            assertThat(app.api().addVersion(model, "1.0.0", 15, null).status()).isEqualTo(201);
            assertThat(app.api().post("/api/v1/ai-models/" + model + "/enable", null, KEY).status()).isEqualTo(200);
            List<Request> requests = everyEndpointKind(model);
            for (Request request : requests) {
                assertThat(request.send(api, bearer).status()).as(request.toString()).isLessThan(500);
            }
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

            List<String> wrong = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<CompletableFuture<Void>> load = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                load.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        for (Request request : requests) {
                            Api.Response response = request.send(api, bearer);
                            if (response.status() >= 500 && !unavailable(response)) {
                                wrong.add("under load: " + request + " -> " + response.status() + " "
                                        + response.raw().body());
                            }
                        }
                    }
                }));
            }
            Thread.sleep(500);
            killEmbeddedPostgres(data);
            Thread.sleep(2_000);
            running.set(false);
            for (CompletableFuture<Void> client : load) {
                client.get();
            }

            for (int round = 0; round < 2; round++) {
                for (Request request : requests) {
                    long started = System.nanoTime();
                    Api.Response response = request.send(api, bearer);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    boolean failedClosed = request.path().contains("validate-assignment") && response.status() == 200
                            && !response.raw().body().contains("\"valid\":true");
                    if (!(unavailable(response) || failedClosed) || millis > ANSWER_BOUND_MS) {
                        wrong.add("after the kill: " + request + " -> " + response.status() + " "
                                + response.header("Retry-After") + " " + response.raw().body() + " in " + millis
                                + " ms");
                    }
                }
            }
            assertThat(wrong).as("answers that are not a 503 problem with Retry-After").isEmpty();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/actuator/health/liveness").status() == 503);
            assertThat(api.get("/actuator/health/liveness").raw().body()).contains("DOWN");
        }
    }

    private static boolean unavailable(Api.Response response) {
        return response.status() == 503 && response.header("Retry-After") != null
                && String.valueOf(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private static String token(KeyPair keys) {
        return Jwts.token(keys, "outage-admin", "roles", List.of("admin", "auditor", "reader"), 3_600);
    }

    /** A request; an API key when it has one of its own, else the caller's bearer token. */
    record Request(String method, String path, Object body, String contentType, String key) {

        Api.Response send(Api api, String bearer) {
            if (key != null) {
                return api.send(method, path, body, contentType, "X-API-Key", key);
            }
            return api.send(method, path, body, contentType, "Authorization", bearer);
        }
    }

    /** One request of every kind the API has: reads, commands, validation, audit, administration. */
    private static List<Request> everyEndpointKind(String model) {
        String models = "/api/v1/ai-models";
        String json = "application/json";
        Map<String, Object> assignment = Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                "model_id", model, "desired_fps", 10);
        return List.of(
                new Request("GET", models + "/" + model, null, null, null),
                new Request("GET", models + "?limit=5", null, null, null),
                new Request("GET", models + "/" + model + "/versions", null, null, null),
                new Request("GET", models + "/" + model + "/versions/1.0.0", null, null, null),
                new Request("GET", models + "/" + model + "/history", null, null, null),
                new Request("GET", models + "/" + model + "/activity", null, null, null),
                new Request("GET", models + "/" + model + "?as_of=2020-01-01T00:00:00Z", null, null, null),
                new Request("GET", "/api/v1/registry/events", null, null, null),
                new Request("GET", "/api/v1/admin/verify", null, null, null),
                new Request("GET", "/api/v1/admin/projections", null, null, null),
                new Request("GET", "/api/v1/admin/api-keys", null, null, null),
                new Request("POST", models + "/validate-assignment", assignment, json, null),
                new Request("POST", models + "/validate-assignments",
                        Map.of("assignments", List.of(assignment)), json, null),
                new Request("POST", models, Map.of("model_id", Api.uniqueId("killed-new"), "name", "New",
                        "supported_tasks", List.of("object_detection")), json, null),
                new Request("PATCH", models + "/" + model, Map.of("description", "changed"),
                        "application/merge-patch+json", null),
                new Request("POST", models + "/" + model + "/versions", Map.of("version", "2.0.0"), json, null),
                new Request("POST", models + "/" + model + "/disable", Map.of("reason", "outage"), json, null),
                new Request("POST", models + "/" + model + "/versions/1.0.0/disable", Map.of("reason", "outage"),
                        json, null),
                new Request("POST", models + "/import", """
                        contract_schema_version: "1.0.0"
                        model_id: "%s"
                        version: "1.0.0"
                        display_name: "Imported"
                        input: {type: frame, format: raw_bgr}
                        output: {schema_version: "1.0", schema: {}}
                        hardware: {supports_cpu: true, supports_gpu: false}
                        performance: {recommended_fps: 2, max_fps: 5}
                        """.formatted(Api.uniqueId("killed-import")), "application/yaml", null),
                new Request("POST", "/api/v1/admin/api-keys", Map.of("name", "outage", "roles", List.of("reader")),
                        json, null),
                new Request("POST", models + "/" + model + "/enable", null, null, null),
                new Request("POST", models + "/" + model + "/versions/1.0.0/enable", null, null, null),
                new Request("POST", models + "/" + model + "/retire", Map.of("reason", "outage"), json, null),
                new Request("DELETE", "/api/v1/admin/api-keys/" + java.util.UUID.randomUUID(), null, null, null),
                new Request("POST", "/api/v1/admin/projections/model-projection/rebuild", null, null, null),
                new Request("GET", models + "/" + model, null, null, "a-key-this-registry-never-saw-0123456789"));
    }

    /** SIGKILL to the postmaster and every backend, as the OOM killer or a crashed container would do it. */
    private static void killEmbeddedPostgres(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        for (ProcessHandle backend : backends) {
            backend.onExit().get(10, TimeUnit.SECONDS);
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
