package org.vas.registry.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * The log changed, cut or added to behind the registry's back, by the database's owner, as a superuser or a
 * doctored restore could: verification names the position. Its own application (the check interval differs), so
 * that no other test's rows and no tampering here meet. Every test puts back what it changed.
 */
@RegistryTest
@TestPropertySource(properties = "registry.ledger.check-interval=200ms")
class TamperEvidentLogTest {

    @Autowired
    @FlywayDataSource
    DataSource ownerDataSource;
    @LocalServerPort
    int port;

    private JdbcTemplate owner() {
        return new JdbcTemplate(ownerDataSource);
    }

    private Api api() {
        return new Api(port);
    }

    private long[] positionsOf(String modelId) {
        return owner().queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY global_index", Long.class, modelId).stream().mapToLong(Long::longValue).toArray();
    }

    private String registerWithHistory() {
        String id = Api.uniqueId("ledger");
        assertThat(api().register(id).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/ai-models/" + id + "/enable", null).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/ai-models/" + id + "/disable", Map.of("reason", "audit")).status())
                .isEqualTo(200);
        assertThat(positionsOf(id)).hasSize(3);
        return id;
    }

    private JsonNode verifyLog() {
        Api.Response response = api().get("/api/v1/admin/verify?log=true");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void assertBreak(JsonNode report, long position, String kind) {
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("first_break").get("position").asLong()).as(report.toString()).isEqualTo(position);
        assertThat(report.get("first_break").get("kind").asText()).isEqualTo(kind);
    }

    @Test
    void everyAppendedEventIsChainedAndTheLogVerifies() {
        String id = registerWithHistory();
        long[] positions = positionsOf(id);
        JsonNode report = verifyLog();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("head_position").asLong()).isGreaterThanOrEqualTo(positions[2]);
        assertThat(report.get("origin").get("chained_events").asLong()).isZero();
        assertThat(owner().queryForObject("SELECT count(*) FROM event_chain WHERE global_index IN (?, ?, ?)",
                Long.class, positions[0], positions[1], positions[2])).isEqualTo(3);
        assertThat(api().get("/api/v1/admin/verify").json().has("consistent")).isTrue();
    }

    @Test
    void aChangedEventIsReportedAtItsPosition() {
        String id = registerWithHistory();
        long changed = positionsOf(id)[2];
        byte[] original = owner().queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, changed);
        owner().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, StandardCharsets.UTF_8).replace("audit", "forged")
                        .getBytes(StandardCharsets.UTF_8), changed);
        try {
            assertBreak(verifyLog(), changed, "changed");
        } finally {
            owner().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, changed);
        }
        assertThat(verifyLog().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRemovedEventIsReportedAtItsPositionWhetherOrNotItsLinkWasRemovedToo() {
        String id = registerWithHistory();
        long removed = positionsOf(id)[1];
        Map<String, Object> row = owner().queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?",
                removed);
        Map<String, Object> link = owner().queryForMap("SELECT * FROM event_chain WHERE global_index = ?", removed);
        assertThat(owner().update("DELETE FROM domain_event_entry WHERE global_index = ?", removed)).isOne();
        try {
            assertBreak(verifyLog(), removed, "removed");
            owner().update("DELETE FROM event_chain WHERE global_index = ?", removed);
            assertBreak(verifyLog(), removed, "removed");
        } finally {
            owner().update("INSERT INTO event_chain (global_index, previous_index, hash) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", link.get("global_index"), link.get("previous_index"), link.get("hash"));
            owner().update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"),
                    row.get("event_identifier"), row.get("aggregate_identifier"), row.get("sequence_number"),
                    row.get("type"), row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"),
                    row.get("payload"), row.get("meta_data"));
        }
        assertThat(verifyLog().get("intact").asBoolean()).isTrue();
    }

    @Test
    void anInsertedEventIsReportedAtItsPositionWhileARolledBackSequenceNumberIsNot() {
        String id = registerWithHistory();
        // A sequence number drawn by a transaction that rolled back: a gap that was never chained.
        owner().queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))",
                Long.class);
        assertThat(verifyLog().get("intact").asBoolean()).isTrue();

        long inserted = owner().queryForObject("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 3, 'ModelAggregate', '2026-01-01T00:00:00Z',
                        'org.vas.registry.model.event.ModelRetired', NULL, ?, ?)
                RETURNING global_index""", Long.class, UUID.randomUUID().toString(), id,
                ("{\"model_id\":\"" + id + "\",\"reason\":\"backdated\"}").getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        try {
            assertBreak(verifyLog(), inserted, "inserted");
        } finally {
            owner().update("DELETE FROM domain_event_entry WHERE global_index = ?", inserted);
        }
        assertThat(verifyLog().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aCheckpointSignedBeforeIsProvedAfterMoreEventsAndRefutedAfterTampering() throws Exception {
        registerWithHistory();
        Api.Response taken = api().get("/api/v1/registry/checkpoint");
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        JsonNode checkpoint = taken.json();
        JsonNode key = api().get("/api/v1/registry/public-key").json();
        PublicKey publicKey = SigningKey.publicKeyFromPem(key.get("public_key").asText());
        String signed = Checkpoint.signedText(checkpoint.get("position").asLong(), checkpoint.get("hash").asText(),
                java.time.Instant.parse(checkpoint.get("time").asText()));
        assertThat(checkpoint.get("signed_text").asText()).isEqualTo(signed);
        assertThat(checkpoint.get("key_id").asText()).isEqualTo(key.get("key_id").asText());
        assertThat(SigningKey.verify(publicKey, signed.getBytes(StandardCharsets.US_ASCII),
                Base64.getDecoder().decode(checkpoint.get("signature").asText()))).isTrue();
        byte[] altered = signed.replace("position", "position 1").getBytes(StandardCharsets.US_ASCII);
        assertThat(SigningKey.verify(publicKey, altered,
                Base64.getDecoder().decode(checkpoint.get("signature").asText()))).isFalse();

        String later = registerWithHistory();
        String proofPath = "/api/v1/registry/proof?from=" + checkpoint.get("position").asLong() + "&hash="
                + checkpoint.get("hash").asText();
        JsonNode proof = api().get(proofPath).json();
        assertThat(proof.get("extends_checkpoint").asBoolean()).as(proof.toString()).isTrue();
        assertThat(proof.get("head").get("position").asLong()).isEqualTo(positionsOf(later)[2]);

        long before = checkpoint.get("position").asLong();
        String original = owner().queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?",
                String.class, before);
        owner().update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z' WHERE global_index = ?",
                before);
        try {
            JsonNode refuted = api().get(proofPath).json();
            assertThat(refuted.get("extends_checkpoint").asBoolean()).isFalse();
            assertThat(refuted.get("first_break").get("position").asLong()).isEqualTo(before);
            assertThat(refuted.get("head").isNull()).isTrue();
            Api.Response refused = api().get("/api/v1/registry/checkpoint");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("LOG_CHAIN_BROKEN");
            assertThat(refused.json().get("first_break").get("position").asLong()).isEqualTo(before);
        } finally {
            owner().update("UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = ?", original, before);
        }
    }

    @Test
    void aProofForAHashTheLogNeverHadIsRefutedAndAMalformedOneIsABadRequest() {
        registerWithHistory();
        JsonNode checkpoint = api().get("/api/v1/registry/checkpoint").json();
        JsonNode proof = api().get("/api/v1/registry/proof?from=" + checkpoint.get("position").asLong() + "&hash="
                + "ab".repeat(32)).json();
        assertThat(proof.get("extends_checkpoint").asBoolean()).isFalse();
        assertThat(proof.get("first_break").get("kind").asText()).isEqualTo("checkpoint_mismatch");
        assertThat(api().get("/api/v1/registry/proof?from=1&hash=xyz").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/registry/proof?from=-1&hash=" + "ab".repeat(32)).status()).isEqualTo(400);
    }

    @Test
    void healthReportsABrokenChainFoundByThePeriodicCheckAndAMetricCountsChecks() {
        String id = registerWithHistory();
        long changed = positionsOf(id)[0];
        byte[] original = owner().queryForObject("SELECT meta_data FROM domain_event_entry WHERE global_index = ?",
                byte[].class, changed);
        owner().update("UPDATE domain_event_entry SET meta_data = NULL WHERE global_index = ?", changed);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                // Public health shows statuses only; its details are the auditors' health group.
                Api.Response response = api().get("/actuator/health/details");
                JsonNode health = response.json().path("components").path("eventChain");
                assertThat(health.path("status").asText()).as(response.body()).isEqualTo("DOWN");
                assertThat(health.path("details").path("first_break_position").asLong()).isEqualTo(changed);
            });
            assertThat(api().get("/actuator/prometheus").body())
                    .containsPattern("registry_ledger_checks_total\\{[^}]*outcome=\"broken\"[^}]*} [1-9]")
                    .containsPattern("registry_ledger_checks_total\\{[^}]*outcome=\"intact\"[^}]*} [1-9]");
        } finally {
            owner().update("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?", original, changed);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api().get("/actuator/health/details").json().path("components").path("eventChain").path("status")
                        .asText()).isEqualTo("UP"));
    }

    @Test
    void readersAndAnonymousCallersGetNoCheckpoint() {
        assertThat(new Api(port, null).get("/api/v1/registry/checkpoint").status()).isEqualTo(401);
        assertThat(new Api(port, null).get("/api/v1/registry/public-key").status()).isEqualTo(401);
    }
}
