package org.vas.registry.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;
import org.vas.registry.support.SharedPostgres;

/**
 * A registry upgraded from a version without the chain, restarted after a crash, and its log checked by the
 * offline verifier against the database and against a dump, with and without a stored checkpoint.
 */
class OfflineVerificationTest {

    private static final String EVENT_COLUMNS = "global_index, event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data";

    @Test
    void anUpgradedLogIsChainedSurvivesUpcastingAndARestartAndVerifiesOfflineAgainstTheDatabaseAndADump()
            throws Exception {
        Path work = AppProcess.freshDirectory("offline-verify");
        Files.createDirectories(work);
        try (SharedPostgres postgres = new SharedPostgres("offline-verify")) {
            Map<String, String> environment = new HashMap<>(postgres.environment());
            environment.put("REGISTRY_SIGNING_KEY_FILE", work.resolve("signing.key").toString());
            // The old-format event below is written behind the read model's back; readiness would wait for it.
            environment.put("REGISTRY_MAX_PROJECTION_LAG", "10");
            JdbcTemplate owner = new JdbcTemplate(postgres.ownerDataSource());
            String id = Api.uniqueId("upgraded");

            // A log written before the chain existed: made by this version, then its chain taken away as the
            // schema of the previous version had none, plus an event in the old format (a disable without reason).
            try (AppProcess registry = AppProcess.start("offline-verify-old", environment)
                    .awaitReady(Duration.ofSeconds(90))) {
                assertThat(registry.api().register(id).status()).isEqualTo(201);
                assertThat(registry.api().post("/api/v1/ai-models/" + id + "/enable", null).status())
                        .isEqualTo(200);
            }
            // The schema as the release before the chain left it: the chain's migrations and every later one undone.
            owner.execute("DROP TABLE event_chain, event_chain_origin, time_travel_checkpoint, model_snapshot");
            owner.execute("ALTER TABLE model DROP COLUMN aliases");
            owner.execute("ALTER TABLE model_staging DROP COLUMN aliases");
            owner.execute("DROP INDEX domain_event_entry_registration_idx, domain_event_entry_retirement_idx, "
                    + "domain_event_entry_registration_position_idx, domain_event_entry_stream_position_idx");
            owner.execute("DROP FUNCTION registry_event_millis(VARCHAR)");
            owner.execute("ALTER TABLE read_model_state DROP COLUMN generation");
            owner.execute("DROP TABLE read_lease");
            owner.execute("DROP TRIGGER read_model_version_moved ON read_model_state");
            owner.execute("DROP FUNCTION read_model_version_moved()");
            owner.update("DELETE FROM flyway_schema_history WHERE version IN "
                    + "('40', '41', '50', '60', '73', '74', '75', '76', '77', '78', '79')");
            owner.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 2, 'ModelAggregate', '2026-01-01T00:00:00.000Z',
                            'org.vas.registry.model.event.ModelDisabled', NULL, ?, ?)""",
                    UUID.randomUUID().toString(), id,
                    ("{\"model_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8));
            long oldHead = owner.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            long oldEvents = owner.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

            JsonNode checkpoint;
            JsonNode publicKey;
            AppProcess upgraded = AppProcess.start("offline-verify-upgraded", environment)
                    .awaitReady(Duration.ofSeconds(90));
            try {
                JsonNode report = upgraded.api().get("/api/v1/admin/verify?log=true").json();
                assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
                assertThat(report.get("origin").get("chained_up_to").asLong()).isEqualTo(oldHead);
                assertThat(report.get("origin").get("chained_events").asLong()).isEqualTo(oldEvents);
                JsonNode old = upgraded.api().get("/api/v1/ai-models/" + id + "/history").json().get("events").get(2);
                assertThat(old.get("data").get("reason").asText()).isEqualTo("unspecified");
                assertThat(upgraded.api().post("/api/v1/ai-models/" + id + "/enable", null, "If-Match", "\"2\"")
                        .status()).isEqualTo(200);
                checkpoint = upgraded.api().get("/api/v1/registry/checkpoint").json();
                publicKey = upgraded.api().get("/api/v1/registry/public-key").json();
            } finally {
                upgraded.kill();
            }

            Path checkpointFile = work.resolve("checkpoint.json");
            Files.writeString(checkpointFile, checkpoint.toString());
            Path keyFile = work.resolve("registry.pem");
            Files.writeString(keyFile, publicKey.get("public_key").asText());

            try (AppProcess restarted = AppProcess.start("offline-verify-restarted", environment)
                    .awaitReady(Duration.ofSeconds(90))) {
                assertThat(restarted.api().get("/api/v1/registry/public-key").json().get("key_id"))
                        .isEqualTo(publicKey.get("key_id"));
                assertThat(restarted.api().post("/api/v1/ai-models/" + id + "/disable",
                        Map.of("reason", "after the restart")).status()).isEqualTo(200);
                JsonNode proof = restarted.api().get("/api/v1/registry/proof?from=" + checkpoint.get("position")
                        + "&hash=" + checkpoint.get("hash").asText()).json();
                assertThat(proof.get("extends_checkpoint").asBoolean()).as(proof.toString()).isTrue();
            }

            List<String> database = List.of("--url=jdbc:postgresql://localhost:" + port(postgres) + "/postgres",
                    "--user=postgres");
            String intact = "0 intact: " + owner.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)
                    + " events";
            Path dump = work.resolve("log.sql");
            Files.writeString(dump, dump(postgres));

            assertThat(verifyLog(work, database)).startsWith(intact);
            assertThat(verifyLog(work, withCheckpoint(database, checkpointFile, keyFile)))
                    .startsWith("0 checkpoint signature: valid\nintact");
            assertThat(verifyLog(work, List.of("--dump=" + dump))).startsWith(intact);
            assertThat(verifyLog(work, withCheckpoint(List.of("--dump=" + dump), checkpointFile, keyFile)))
                    .startsWith("0 checkpoint signature: valid\nintact");

            long changed = checkpoint.get("position").asLong();
            owner.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00.000Z' "
                    + "WHERE global_index = ?", changed);
            assertThat(verifyLog(work, database)).startsWith("1 broken at position " + changed + " (changed)");
            Path tampered = work.resolve("tampered.sql");
            Files.writeString(tampered, dump(postgres));
            assertThat(verifyLog(work, List.of("--dump=" + tampered)))
                    .startsWith("1 broken at position " + changed + " (changed)");

            Path forged = work.resolve("forged-checkpoint.json");
            Files.writeString(forged, checkpoint.toString().replace(checkpoint.get("time").asText(),
                    "2030-01-01T00:00:00Z"));
            assertThat(verifyLog(work, withCheckpoint(List.of("--dump=" + dump), forged, keyFile)))
                    .startsWith("1 verify-log: the checkpoint's signature does not hold");
        }
    }

    private static List<String> withCheckpoint(List<String> source, Path checkpoint, Path key) {
        List<String> args = new ArrayList<>(source);
        args.add("--checkpoint=" + checkpoint);
        args.add("--public-key=" + key);
        return args;
    }

    private static int port(SharedPostgres postgres) {
        String url = postgres.environment().get("SPRING_DATASOURCE_URL");
        return Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
    }

    /**
     * The log tables as {@code pg_dump --format=plain --data-only} writes them. Made with COPY: Debian's pg_dump
     * here is version 15, which refuses a PostgreSQL 17 server, and zonky's binaries ship no pg_dump.
     */
    private static String dump(SharedPostgres postgres) throws Exception {
        StringWriter out = new StringWriter();
        out.write("--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\n\n");
        try (Connection connection = postgres.ownerDataSource().getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            out.write("COPY public.domain_event_entry (" + EVENT_COLUMNS + ") FROM stdin;\n");
            copy.copyOut("COPY domain_event_entry (" + EVENT_COLUMNS + ") TO STDOUT", out);
            out.write("\\.\n\n\nCOPY public.event_chain (global_index, previous_index, hash) FROM stdin;\n");
            copy.copyOut("COPY event_chain (global_index, previous_index, hash) TO STDOUT", out);
            out.write("\\.\n\n");
        }
        return out.toString();
    }

    /** Runs {@code verify-log} as the jar's main would: its exit status, a space, and what it printed. */
    private static String verifyLog(Path work, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "org.vas.registry.RegistryApplication", "verify-log"));
        command.addAll(args);
        Path output = work.resolve("verify-log-" + UUID.randomUUID() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(output);
        assertThat(printed).doesNotContain("Tomcat").doesNotContain("Flyway");
        return process.exitValue() + " " + printed;
    }
}
