package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vas.registry.support.Api;
import org.vas.registry.support.AppProcess;
import org.vas.registry.support.SharedPostgres;

/**
 * The hot reads answer from copies kept in memory (decision 25). Two registry processes on one PostgreSQL: each
 * change is made through one instance, and the very next read through the other, with its copies warm, must
 * already show it; a copy trusted without proof that it is current fails here.
 */
class CurrentReadsAcrossInstancesTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final int ROUNDS = 12;

    /** Two registry processes on one fresh PostgreSQL: one that writes, one that reads. */
    private record Instances(SharedPostgres db, AppProcess writer, AppProcess reader) implements AutoCloseable {

        static Instances start(String name) throws Exception {
            SharedPostgres db = new SharedPostgres(name);
            AppProcess writer = null;
            try {
                writer = AppProcess.start(name + "-writer", db.environment()).awaitReady(Duration.ofSeconds(90));
                return new Instances(db, writer,
                        AppProcess.start(name + "-reader", db.environment()).awaitReady(Duration.ofSeconds(90)));
            } catch (Exception | Error e) {
                if (writer != null) {
                    writer.close();
                }
                db.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try (db; writer) {
                reader.close();
            }
        }
    }

    @Test
    void aReadThroughOneInstanceShowsEveryChangeTheOtherInstanceHasAcknowledged() throws Exception {
        try (Instances instances = Instances.start("current-reads")) {
            Api write = instances.writer().api();
            Api read = instances.reader().api();
            String id = Api.uniqueId("current");
            assertThat(write.register(id).status()).isEqualTo(201);
            assertThat(write.addVersion(id, "1.0.0", 30, Map.of("type", "object",
                    "properties", Map.of("zone", Map.of("type", "string")))).status()).isEqualTo(201);
            long revision = write.post(MODELS + "/" + id + "/enable", null).json().get("revision").asLong();

            for (int round = 0; round < ROUNDS; round++) {
                boolean enabled = round % 2 == 0;
                // Warm every copy the reader keeps: the same answers, read more than once.
                for (int i = 0; i < 3; i++) {
                    assertShows(read, id, enabled, revision);
                }
                Api.Response changed = enabled
                        ? write.post(MODELS + "/" + id + "/disable", Map.of("reason", "round " + round))
                        : write.post(MODELS + "/" + id + "/enable", null);
                assertThat(changed.status()).isEqualTo(200);
                revision = changed.json().get("revision").asLong();

                assertShows(read, id, !enabled, revision);
            }
        }
    }

    /**
     * A rebuild corrects a row that disagreed with the log without changing its revision, which names the model's
     * rendering: the rendering the other instance made of the wrong row must not be served after the rebuild.
     */
    @Test
    void aModelCorrectedByARebuildThroughOneInstanceIsReadCorrectedThroughTheOther() throws Exception {
        try (Instances instances = Instances.start("rebuilt-reads")) {
            AppProcess writer = instances.writer();
            AppProcess reader = instances.reader();
            String id = Api.uniqueId("rebuilt");
            assertThat(writer.api().register(id).status()).isEqualTo(201);
            String logged = writer.api().get(MODELS + "/" + id).json().get("name").asText();
            // A row that disagrees with the log, as a defect or a hand edit leaves it.
            try (Connection owner = instances.db().ownerDataSource().getConnection();
                 PreparedStatement edit = owner.prepareStatement("UPDATE model SET name = ? WHERE model_id = ?")) {
                edit.setString(1, "Not what the log says");
                edit.setString(2, id);
                assertThat(edit.executeUpdate()).isEqualTo(1);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(reader.api().get(MODELS + "/" + id).json().get("name").asText())
                        .isEqualTo("Not what the log says");
                assertThat(reader.api().get(MODELS + "?limit=1").json().get("models").get(0).get("name").asText())
                        .isEqualTo("Not what the log says");
            }

            assertThat(writer.api().post("/api/v1/admin/projections/model-projection/rebuild", null).status())
                    .isEqualTo(200);

            assertThat(reader.api().get(MODELS + "/" + id).json().get("name").asText()).isEqualTo(logged);
            assertThat(reader.api().get(MODELS + "?limit=1").json().get("models").get(0).get("name").asText())
                    .isEqualTo(logged);
        }
    }

    /** Validation, the model's read and the list, through the reader, all show the model as the writer left it. */
    private static void assertShows(Api read, String id, boolean enabled, long revision) {
        JsonNode verdict = read.post(MODELS + "/validate-assignment", Map.of(
                "camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", id, "model_version", "1.0.0",
                "desired_fps", 10, "parameters", Map.of("zone", "dock"))).json();
        assertThat(verdict.get("valid").asBoolean()).as("validation: %s", verdict).isEqualTo(enabled);

        Api.Response model = read.get(MODELS + "/" + id);
        assertThat(model.header("ETag")).as("the model's read").isEqualTo("\"" + revision + "\"");
        assertThat(model.json().get("enabled").asBoolean()).isEqualTo(enabled);

        JsonNode listed = read.get(MODELS + "?limit=50").json().get("models").get(0);
        assertThat(listed.get("model_id").asText()).isEqualTo(id);
        assertThat(listed.get("enabled").asBoolean()).as("the list").isEqualTo(enabled);
        assertThat(listed.get("revision").asLong()).isEqualTo(revision);
    }
}
