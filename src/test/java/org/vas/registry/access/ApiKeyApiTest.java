package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.access.query.ApiKeys;
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
        assertThat(jdbc.queryForObject("SELECT key_hash FROM api_key WHERE key_id = ?", String.class, id))
                .isEqualTo(ApiKeys.hash(key)).doesNotContain(key);
        String listed = admin.get(KEYS).body();
        assertThat(listed).contains(id).doesNotContain(key).doesNotContain(ApiKeys.hash(key));

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
