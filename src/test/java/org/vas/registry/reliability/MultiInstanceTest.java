package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;
import org.vas.registry.support.SharedPostgres;

/**
 * Two registry processes on one PostgreSQL. Commands and reads go through both; the audit-activity tracking
 * processor's two segments are each owned by one instance at a time; when the owner is SIGKILLed the survivor
 * claims its segments once the claim times out, and the projection ends with every event applied exactly once.
 */
class MultiInstanceTest {

    private static final String[] KEY = {"X-API-Key", AppProcess.ADMIN_KEY};
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(20);

    @Test
    void twoInstancesShareOneDatabaseAndTheSurvivorTakesOverAKilledInstancesSegmentsWithoutLossOrDoubles()
            throws Exception {
        try (SharedPostgres db = new SharedPostgres("multi")) {
            Map<String, String> environment = new HashMap<>(db.environment());
            environment.put("REGISTRY_TOKEN_CLAIM_TIMEOUT", CLAIM_TIMEOUT.toSeconds() + "s");
            JdbcTemplate owner = new JdbcTemplate(db.ownerDataSource());
            AppProcess a = AppProcess.start("multi-a", environment).awaitReady(Duration.ofSeconds(90));
            AppProcess b = AppProcess.start("multi-b", environment).awaitReady(Duration.ofSeconds(90));
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    Api writer = (i % 2 == 0 ? a : b).api();
                    Api reader = (i % 2 == 0 ? b : a).api();
                    String id = Api.uniqueId("multi");
                    ids.add(id);
                    assertThat(register(writer, id).status()).isEqualTo(201);
                    assertThat(reader.get("/api/v1/ai-models/" + id, KEY).status())
                            .as("read through the other instance").isEqualTo(200);
                    assertThat(reader.send("POST", "/api/v1/ai-models/" + id + "/versions",
                            Map.of("version", "1.0.0"), "application/json", KEY).status()).isEqualTo(201);
                    assertThat(writer.post("/api/v1/ai-models/" + id + "/enable", null, KEY).status())
                            .isEqualTo(200);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> owners(owner).size() == 2
                        && !owners(owner).containsValue(null));
                Set<String> seenOwners = ConcurrentHashMap.newKeySet();
                AtomicBoolean watching = new AtomicBoolean(true);
                CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
                    while (watching.get()) {
                        owners(owner).values().stream().filter(o -> o != null).forEach(seenOwners::add);
                        sleep(50);
                    }
                });

                long victimPid = pidOf(owners(owner).get(0));
                AppProcess victim = victimPid == a.pid() ? a : b;
                AppProcess survivor = victim == a ? b : a;
                CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 30; i++) {
                        String id = Api.uniqueId("multi-after");
                        if (register(survivor.api(), id).status() == 201) {
                            synchronized (ids) {
                                ids.add(id);
                            }
                        }
                    }
                });
                sleep(200);
                long killed = System.nanoTime();
                victim.kill();
                await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(100)).until(() ->
                        owners(owner).values().stream().allMatch(o -> o != null && pidOf(o) == survivor.pid()));
                long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;
                load.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> activityDisagreements(owner) == 0);
                watching.set(false);
                watcher.get();

                assertThat(seenOwners.stream().map(MultiInstanceTest::pidOf))
                        .as("owners of segments").allMatch(pid -> pid == a.pid() || pid == b.pid());
                assertThat(owner.queryForObject("SELECT count(*) FROM audit_activity WHERE model_id = ANY(?)",
                        Long.class, (Object) ids.toArray(String[]::new))).isEqualTo(ids.size());
                System.out.printf("multi-instance: segments taken over %d ms after the kill (claim timeout %d s), "
                        + "%d models, 0 events lost, 0 applied twice%n", takeoverMillis, CLAIM_TIMEOUT.toSeconds(),
                        ids.size());
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static Api.Response register(Api api, String id) {
        return api.send("POST", "/api/v1/ai-models", Map.of("model_id", id, "name", "Multi " + id,
                "supported_tasks", List.of("object_detection")), "application/json", KEY);
    }

    /** Segment to owner of the audit-activity processor, from the token table every instance shares. */
    private static Map<Integer, String> owners(JdbcTemplate jdbc) {
        Map<Integer, String> owners = new HashMap<>();
        jdbc.query("SELECT segment, owner FROM token_entry WHERE processor_name = 'audit-activity'",
                row -> {
                    owners.put(row.getInt(1), row.getString(2));
                });
        return owners;
    }

    /**
     * Models whose activity row does not count exactly their events, or does not stand at their last one. Events
     * about API keys are in the log too, but are no model's activity.
     */
    private static long activityDisagreements(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT aggregate_identifier AS model_id, count(*) AS events,
                                             max(global_index) AS last FROM domain_event_entry
                      WHERE payload_type LIKE 'org.vas.registry.model.event.%' GROUP BY 1) log
                LEFT JOIN audit_activity a USING (model_id)
                WHERE a.event_count IS DISTINCT FROM log.events OR a.position IS DISTINCT FROM log.last""",
                Long.class);
    }

    /** Axon names a token's owner after the JVM: {@code pid@host}. */
    private static long pidOf(String owner) {
        return Long.parseLong(owner.substring(0, owner.indexOf('@')));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
