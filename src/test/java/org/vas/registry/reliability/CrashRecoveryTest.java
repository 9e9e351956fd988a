package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;

/**
 * The registry, as a process of its own on its default embedded PostgreSQL, is SIGKILLed in the middle of a stream
 * of commands, again and again. After each restart every command that was answered 2xx is in the log and in the
 * read model; a command whose answer was lost with the process is either wholly there or wholly absent; nothing
 * that was never sent is there. The restart also proves that the PostgreSQL orphaned by the kill is dealt with.
 * <p>
 * {@code -Preliability-long} runs 200 kills instead of {@value #DEFAULT_KILLS}.
 */
class CrashRecoveryTest {

    private static final int DEFAULT_KILLS = 20;
    private static final int KILLS = Integer.getInteger("reliability.kills", DEFAULT_KILLS);
    private static final int CLIENTS = 2;
    private static final Duration START = Duration.ofSeconds(90);
    private static final String[] KEY = {"X-API-Key", AppProcess.ADMIN_KEY};

    /** Per model, the commands sent in order and how each ended; a model's commands are sent one after another. */
    private final Map<String, List<Outcome>> ledger = new ConcurrentHashMap<>();

    private enum Outcome { ACKNOWLEDGED, REFUSED, UNANSWERED }

    @Test
    void everyAcknowledgedCommandSurvivesTwentyKillsAndNoCommandIsHalfApplied() throws Exception {
        Map<String, String> environment = Map.of("REGISTRY_DATA_DIR", AppProcess.freshDirectory("crash").toString());
        Random random = new Random(KILLS);
        List<Long> restartMillis = new ArrayList<>();
        for (int round = 0; round < KILLS; round++) {
            long started = System.nanoTime();
            AppProcess app = AppProcess.start("crash-" + round, environment).awaitReady(START);
            restartMillis.add((System.nanoTime() - started) / 1_000_000);
            try {
                assertEverythingAcknowledgedAndNothingElse(app.api());
                streamCommandsAndKill(app, round, 3 + random.nextInt(25));
            } finally {
                app.kill();
            }
        }
        try (AppProcess app = AppProcess.start("crash-final", environment).awaitReady(START)) {
            assertEverythingAcknowledgedAndNothingElse(app.api());
        }
        long acknowledged = ledger.values().stream().flatMap(List::stream)
                .filter(o -> o == Outcome.ACKNOWLEDGED).count();
        System.out.printf("crash recovery: %d kills survived, %d commands acknowledged, 0 lost, "
                + "restart to ready %d-%d ms%n", KILLS, acknowledged,
                restartMillis.stream().mapToLong(Long::longValue).min().orElse(0),
                restartMillis.stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(ledger.values().stream().map(List::size).anyMatch(s -> s < 3))
                .as("some kills cut a model's command stream short").isTrue();
    }

    /** Clients register models, add a version and enable them; the process dies after some acknowledgements. */
    private void streamCommandsAndKill(AppProcess app, int round, int killAfter) throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean dead = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    Api api = app.api();
                    for (int n = 0; !dead.get() && n < 10_000; n++) {
                        String id = "crash-" + round + "-" + client + "-" + n;
                        if (!send(id, () -> api.send("POST", "/api/v1/ai-models", Map.of("model_id", id,
                                "name", "Crash " + id, "supported_tasks", List.of("object_detection")),
                                "application/json", KEY), acknowledged)
                                || !send(id, () -> api.send("POST", "/api/v1/ai-models/" + id + "/versions",
                                        Map.of("version", "1.0.0"), "application/json", KEY), acknowledged)
                                || !send(id, () -> api.post("/api/v1/ai-models/" + id + "/enable", null, KEY),
                                        acknowledged)) {
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.get() < killAfter && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            app.kill();
            dead.set(true);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private boolean send(String id, java.util.function.Supplier<Api.Response> command, AtomicInteger acknowledged) {
        List<Outcome> outcomes = ledger.computeIfAbsent(id, k -> new ArrayList<>());
        try {
            int status = command.get().status();
            outcomes.add(status / 100 == 2 ? Outcome.ACKNOWLEDGED : Outcome.REFUSED);
            if (status / 100 == 2) {
                acknowledged.incrementAndGet();
                return true;
            }
            return false;
        } catch (IllegalStateException connectionLost) {
            outcomes.add(Outcome.UNANSWERED);
            return false;
        }
    }

    /**
     * Per model: the log holds every acknowledged command, plus at most the one whose answer was lost, and
     * nothing after; the read model shows exactly what the log holds. Then a lost answer's command is settled:
     * whatever the log says now is what will be checked after every later kill.
     */
    private void assertEverythingAcknowledgedAndNothingElse(Api api) {
        for (Map.Entry<String, List<Outcome>> entry : ledger.entrySet()) {
            String id = entry.getKey();
            List<Outcome> outcomes = entry.getValue();
            assertThat(outcomes).as("answers to %s", id).doesNotContain(Outcome.REFUSED);
            long acknowledged = outcomes.stream().takeWhile(o -> o == Outcome.ACKNOWLEDGED).count();
            Api.Response history = api.get("/api/v1/ai-models/" + id + "/history", KEY);
            int logged = history.status() == 404 ? 0 : history.json().get("events").size();
            assertThat(logged).as("events of %s after %s", id, outcomes)
                    .isBetween((int) acknowledged, outcomes.size());
            Api.Response model = api.get("/api/v1/ai-models/" + id, KEY);
            if (logged == 0) {
                assertThat(model.status()).as(id).isEqualTo(404);
            } else {
                JsonNode view = model.json();
                assertThat(view.get("revision").asLong()).as("revision of %s", id).isEqualTo(logged - 1);
                assertThat(view.get("enabled").asBoolean()).as("enabled %s", id).isEqualTo(logged == 3);
            }
            while (outcomes.size() > logged) {
                outcomes.remove(outcomes.size() - 1);
            }
            outcomes.replaceAll(o -> Outcome.ACKNOWLEDGED);
        }
        assertThat(loggedModels(api)).as("models in the log that no client sent")
                .allMatch(ledger::containsKey);
        assertThat(api.get("/api/v1/admin/verify", KEY).json().get("consistent").asBoolean())
                .as("the read model equals the log").isTrue();
    }

    private List<String> loggedModels(Api api) {
        List<String> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/registry/events?limit=1000&after=" + after, KEY).json();
            for (JsonNode event : page.get("events")) {
                if (!event.get("model_id").isNull()) {
                    ids.add(event.get("model_id").asText());
                }
            }
            if (page.get("events").isEmpty()) {
                return ids;
            }
            after = page.get("next_after").asLong();
        }
    }
}
