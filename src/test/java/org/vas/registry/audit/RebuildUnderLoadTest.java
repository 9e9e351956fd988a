package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Rebuilds run while writers register and toggle models and readers list them. Every reader must see at least
 * every model acknowledged before its read began (a half-built list would miss some), no write may fail, and
 * afterwards the read model must match the log exactly.
 */
@RegistryTest
class RebuildUnderLoadTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final int SEED = 150;

    @LocalServerPort
    int port;

    @Test
    void noReaderSeesAPartialListAndNoEventIsLostDuringRebuilds() throws Exception {
        Api api = new Api(port);
        String tag = Api.uniqueId("rebuild");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < SEED; i++) {
            register(api, tag, acknowledged);
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> load = List.of(
                    pool.submit(() -> {
                        while (!stop.get()) {
                            String id = register(api, tag, acknowledged);
                            if (id == null) {
                                failures.add("a registration failed");
                            } else if (api.post(MODELS + "/" + id + "/enable", null).status() != 200) {
                                failures.add("an enable failed");
                            }
                            writes.incrementAndGet();
                        }
                    }),
                    pool.submit(() -> read(api, tag, acknowledged, stop, failures, reads)),
                    pool.submit(() -> read(api, tag, acknowledged, stop, failures, reads)));
            for (int i = 0; i < 3; i++) {
                Api.Response rebuild = api.post("/api/v1/admin/projections/model-projection/rebuild", null);
                assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(200);
            }
            stop.set(true);
            for (Future<?> task : load) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(writes.get()).isPositive();
        Set<String> listed = ids(api.get(MODELS + "?tag=run:" + tag).json());
        assertThat(listed).containsAll(acknowledged);
        JsonNode verify = api.get("/api/v1/admin/verify").json();
        assertThat(verify.get("consistent").asBoolean()).as(verify.toString()).isTrue();
    }

    private static String register(Api api, String tag, Set<String> acknowledged) {
        String id = Api.uniqueId("rb");
        Api.Response response = api.post(MODELS, java.util.Map.of("model_id", id, "name", "Rebuild " + id,
                "tags", java.util.Map.of("run", tag)));
        if (response.status() != 201) {
            return null;
        }
        acknowledged.add(id);
        return id;
    }

    private static void read(Api api, String tag, Set<String> acknowledged, AtomicBoolean stop,
                             List<String> failures, AtomicInteger reads) {
        while (!stop.get()) {
            Set<String> before = new HashSet<>(acknowledged);
            Api.Response response = api.get(MODELS + "?tag=run:" + tag);
            if (response.status() != 200) {
                failures.add("a read answered " + response.status());
                continue;
            }
            Set<String> listed = ids(response.json());
            if (!listed.containsAll(before)) {
                failures.add("a read saw " + listed.size() + " models but " + before.size() + " were acknowledged");
            }
            if (response.json().get("total").asInt() != listed.size()) {
                failures.add("total and list disagree");
            }
            reads.incrementAndGet();
        }
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.get("models").forEach(m -> ids.add(m.get("model_id").asText()));
        return ids;
    }
}
