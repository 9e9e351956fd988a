package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ApiKeyApiTest {

    private static final String KEYS = "/api/v1/admin/api-keys";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIssuedKeyIsShownOnceStoredAsAHashAndWorksForItsRoles() {
        Api admin = new Api(port);
        Api.Response issued = admin.post(KEYS, Map.of("name", "ruth-core", "roles", List.of("reader")));

        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("key").asText();
        String id = issued.json().get("api_key").get("id").asText();
        assertThat(key).startsWith("amr_").hasSizeGreaterThan(40);
        assertThat(issued.json().get("api_key").get("roles")).hasSize(1);
        String stored = jdbc.queryForObject("SELECT key_hash FROM api_key WHERE key_id = ?", String.class, id);
        assertThat(stored).isNotEqualTo(sha256(key)).doesNotContain(key);
        assertThat(jdbc.queryForObject("SELECT hash_scheme FROM api_key WHERE key_id = ?", String.class, id))
                .isEqualTo("hmac-sha256");
        String listed = admin.get(KEYS).body();
        assertThat(listed).contains(id).doesNotContain(key).doesNotContain(stored);

        Api reader = new Api(port, key);
        assertThat(reader.get("/api/v1/ai-models").status()).isEqualTo(200);
        assertThat(reader.register(Api.uniqueId("nope")).status()).isEqualTo(403);
        assertThat(new Api(port, null).send("GET", "/api/v1/ai-models", null, null, "Authorization",
                "Bearer " + key).status()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestAndBothChangesAreAudited() {
        Api admin = new Api(port);
        JsonNode issued = admin.post(KEYS, Map.of("name", "short-lived", "roles", List.of("admin"))).json();
        String id = issued.get("api_key").get("id").asText();
        Api holder = new Api(port, issued.get("key").asText());
        assertThat(holder.get("/api/v1/ai-models").status()).isEqualTo(200);

        assertThat(admin.send("DELETE", KEYS + "/" + id, null, null).status()).isEqualTo(204);

        Api.Response refused = holder.get("/api/v1/ai-models");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("Bearer");
        assertThat(admin.send("DELETE", KEYS + "/" + id, null, null).status()).isEqualTo(204);
        assertThat(admin.send("DELETE", KEYS + "/apikey:unknown", null, null).status()).isEqualTo(404);
        JsonNode keyEvents = admin.get("/api/v1/registry/events?type=ApiKeyIssued&type=ApiKeyRevoked&limit=1000")
                .json().get("events");
        List<String> mine = new java.util.ArrayList<>();
        keyEvents.forEach(e -> {
            if (e.get("data").get("key_id").asText().equals(id)) {
                mine.add(e.get("type").asText() + " by " + e.get("actor").asText());
                assertThat(e.get("data").toString()).doesNotContain(issued.get("key").asText());
            }
        });
        assertThat(mine).containsExactly("ApiKeyIssued by apikey:bootstrap-admin",
                "ApiKeyRevoked by apikey:bootstrap-admin");
        JsonNode revoked = admin.get(KEYS).json().get("api_keys");
        revoked.forEach(k -> {
            if (k.get("id").asText().equals(id)) {
                assertThat(k.get("status").asText()).isEqualTo("revoked");
                assertThat(k.get("revoked_by").asText()).isEqualTo("apikey:bootstrap-admin");
            }
        });
    }

    @Test
    void aNameTakenByAnUnrevokedKeyIsRefusedWith409UntilThatKeyIsRevoked() {
        Api admin = new Api(port);
        String name = Api.uniqueId("twin");
        JsonNode first = admin.post(KEYS, Map.of("name", name, "roles", List.of("reader"))).json();

        Api.Response twin = admin.post(KEYS, Map.of("name", name, "roles", List.of("admin")));

        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.header("Content-Type")).startsWith("application/problem+json");
        assertThat(twin.json().get("code").asText()).isEqualTo("API_KEY_NAME_TAKEN");
        assertThat(issuedEventsNamed(name)).isEqualTo(1);
        admin.send("DELETE", KEYS + "/" + first.get("api_key").get("id").asText(), null, null);
        assertThat(admin.post(KEYS, Map.of("name", name, "roles", List.of("admin"))).status()).isEqualTo(201);
    }

    @Test
    void keysIssuedConcurrentlyUnderOneNameLeaveExactlyOneAndTheOthers409() throws Exception {
        Api admin = new Api(port);
        String name = Api.uniqueId("race");
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return admin.post(KEYS, Map.of("name", name, "roles", List.of("reader"))).status();
            }));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(issuedEventsNamed(name)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE name = ?", Integer.class, name))
                .isEqualTo(1);
    }

    private int issuedEventsNamed(String name) {
        int[] count = {0};
        new Api(port).get("/api/v1/registry/events?type=ApiKeyIssued&limit=1000").json().get("events")
                .forEach(e -> count[0] += e.get("data").get("name").asText().equals(name) ? 1 : 0);
        return count[0];
    }

    @Test
    void noEventRenderingShowsKeyMaterialOfNewKeysOrOfKeysIssuedBeforeKeyedHashing() {
        Api admin = new Api(port);
        JsonNode issued = admin.post(KEYS, Map.of("name", Api.uniqueId("feed"), "roles", List.of("reader"))).json();
        String id = issued.get("api_key").get("id").asText();
        String stored = jdbc.queryForObject("SELECT key_hash FROM api_key WHERE key_id = ?", String.class, id);

        String feed = admin.get("/api/v1/registry/events?type=ApiKeyIssued&limit=1000").body();

        assertThat(feed).contains(id).doesNotContain("key_hash").doesNotContain(stored)
                .doesNotContain(sha256(Api.ADMIN_KEY));
        String oldKey = "amr_" + UUID.randomUUID() + UUID.randomUUID();
        String oldId = "apikey:" + UUID.randomUUID();
        issuedBeforeKeyedHashing(oldId, oldKey);
        JsonNode events = admin.get("/api/v1/registry/events?type=ApiKeyIssued&limit=1000").json().get("events");
        List<String> old = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.get("data").get("key_id").asText().equals(oldId)) {
                old.add(e.get("data").get("hash_scheme").asText());
                assertThat(e.get("data").has("key_hash")).isFalse();
            }
        });
        assertThat(old).containsExactly("sha256");
        assertThat(admin.get("/api/v1/registry/events?limit=1000").body()).doesNotContain("key_hash")
                .doesNotContain(sha256(oldKey));
    }

    @Test
    void aKeyIssuedBeforeKeyedHashingKeepsWorkingAndCanBeRevoked() {
        String oldKey = "amr_" + UUID.randomUUID() + UUID.randomUUID();
        String oldId = "apikey:" + UUID.randomUUID();
        issuedBeforeKeyedHashing(oldId, oldKey);
        Api old = new Api(port, oldKey);

        assertThat(old.get("/api/v1/ai-models").status()).isEqualTo(200);
        assertThat(new Api(port).send("DELETE", KEYS + "/" + oldId, null, null).status()).isEqualTo(204);
        assertThat(old.get("/api/v1/ai-models").status()).isEqualTo(401);
    }

    /**
     * A key as an earlier registry issued it: an {@code ApiKeyIssued} of revision 1 with the key's plain SHA-256,
     * and the row its projection made, as migration V30 leaves it.
     */
    private void issuedBeforeKeyedHashing(String keyId, String key) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'ApiKeyAggregate', '2026-01-01T00:00:00.000Z', ?, '1', ?, ?)""",
                UUID.randomUUID().toString(), keyId, "org.vas.registry.access.event.ApiKeyIssued",
                ("{\"key_id\":\"" + keyId + "\",\"name\":\"legacy\",\"roles\":[\"reader\"],\"key_hash\":\""
                        + sha256(key) + "\",\"expires_at\":null}").getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"system\"}".getBytes(StandardCharsets.UTF_8));
        jdbc.update("""
                INSERT INTO api_key (key_id, name, key_hash, hash_scheme, roles, created_at, created_by)
                VALUES (?, ?, ?, 'sha256', '{reader}', '2026-01-01T00:00:00Z', 'system')""",
                keyId, "legacy " + keyId, sha256(key));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeysUseIsRecordedOnceAMinuteNotOnEveryRequest() {
        Api admin = new Api(port);
        JsonNode issued = admin.post(KEYS, Map.of("name", "in-use", "roles", List.of("reader"))).json();
        String id = issued.get("api_key").get("id").asText();
        assertThat(lastUsed(id)).isNull();
        Api reader = new Api(port, issued.get("key").asText());

        assertThat(reader.get("/api/v1/ai-models").status()).isEqualTo(200);
        Instant first = lastUsed(id);
        jdbc.update("UPDATE api_key SET last_used_at = last_used_at - interval '30 seconds' WHERE key_id = ?", id);
        assertThat(reader.get("/api/v1/ai-models").status()).isEqualTo(200);

        assertThat(first).isNotNull().isAfter(Instant.now().minusSeconds(60));
        assertThat(lastUsed(id)).isEqualTo(first.minusSeconds(30));
    }

    private Instant lastUsed(String keyId) {
        java.time.OffsetDateTime at = jdbc.queryForObject("SELECT last_used_at FROM api_key WHERE key_id = ?",
                java.time.OffsetDateTime.class, keyId);
        return at == null ? null : at.toInstant();
    }

    /** A reader key, issued and used once, so that the registry remembers it. */
    private record UsedKey(String id, Api reader) {
    }

    private UsedKey usedReaderKey(String name) throws InterruptedException {
        awaitListening();
        JsonNode issued = new Api(port).post(KEYS, Map.of("name", name, "roles", List.of("reader"))).json();
        UsedKey key = new UsedKey(issued.get("api_key").get("id").asText(), new Api(port, issued.get("key").asText()));
        assertThat(key.reader().get("/api/v1/ai-models").status()).isEqualTo(200);
        return key;
    }

    /** What another instance's revocation does to the row, without the notice that goes with it. */
    private void revokeBehindTheRegistrysBack(String keyId) {
        jdbc.update("UPDATE api_key SET revoked_at = now(), revoked_by = 'elsewhere' WHERE key_id = ?", keyId);
    }

    @Test
    void aKeyIsRememberedUntilAChangeIsAnnouncedThenLookedUpAgain() throws Exception {
        UsedKey key = usedReaderKey("remembered");
        Api reader = key.reader();

        // The row alone, changed behind the registry's back, is not looked at again for a remembered key...
        revokeBehindTheRegistrysBack(key.id());
        assertThat(reader.get("/api/v1/ai-models").status()).isEqualTo(200);
        // ...but the notice another instance's revocation sends with it makes every instance look again.
        jdbc.queryForList("SELECT pg_notify('api_key_changed', '')");

        assertThat(statusWithin(reader, 401)).isEqualTo(401);
    }

    @Test
    void anInstanceThatStopsHearingOfKeyChangesStopsTrustingWhatItRemembers() throws Exception {
        UsedKey key = usedReaderKey("unheard");

        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
                + "api_key_changed' AND pid <> pg_backend_pid()");
        revokeBehindTheRegistrysBack(key.id());

        assertThat(statusWithin(key.reader(), 401)).isEqualTo(401);
    }

    /** Another test may have cut the registry's listening connection: wait until it listens again. */
    private void awaitListening() throws InterruptedException {
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
            Integer listeners = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN "
                    + "api_key_changed' AND state = 'idle'", Integer.class);
            if (listeners != null && listeners > 0) {
                Thread.sleep(100);
                return;
            }
        }
        throw new AssertionError("the registry never listened for API key changes");
    }

    /** The status of the first answer that has it, asking for up to five seconds; else the last one seen. */
    private static int statusWithin(Api api, int expected) throws InterruptedException {
        int status = -1;
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
            status = api.get("/api/v1/ai-models").status();
            if (status == expected) {
                break;
            }
        }
        return status;
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        Api admin = new Api(port);
        String key = admin.post(KEYS, Map.of("name", "expiring", "roles", List.of("reader"), "expires_at",
                Instant.now().plusSeconds(1).toString())).json().get("key").asText();
        assertThat(new Api(port, key).get("/api/v1/ai-models").status()).isEqualTo(200);

        Thread.sleep(1_500);

        assertThat(new Api(port, key).get("/api/v1/ai-models").status()).isEqualTo(401);
    }

    @Test
    void badKeyRequestsAre400() {
        Api admin = new Api(port);
        assertThat(admin.post(KEYS, Map.of("name", "x", "roles", List.of("superuser"))).json().get("code").asText())
                .isEqualTo("INVALID_ROLE");
        assertThat(admin.post(KEYS, Map.of("name", "x", "roles", List.of())).status()).isEqualTo(400);
        assertThat(admin.post(KEYS, Map.of("roles", List.of("reader"))).status()).isEqualTo(400);
        assertThat(admin.post(KEYS, Map.of("name", "x", "roles", List.of("reader"), "expires_at",
                "2001-01-01T00:00:00Z")).json().get("code").asText()).isEqualTo("INVALID_EXPIRY");
    }

    @Test
    void theActorOnEveryEventIsTheAuthenticatedPrincipal() {
        Api admin = new Api(port);
        String key = admin.post(KEYS, Map.of("name", "ops-alice", "roles", List.of("admin", "auditor")))
                .json().get("key").asText();
        Api alice = new Api(port, key);
        String id = Api.uniqueId("actor");
        alice.register(id);
        alice.post("/api/v1/ai-models/" + id + "/enable", null);

        JsonNode events = alice.get("/api/v1/ai-models/" + id + "/history").json().get("events");
        assertThat(events).hasSize(2);
        events.forEach(e -> assertThat(e.get("actor").asText()).isEqualTo("apikey:ops-alice"));
    }
}
