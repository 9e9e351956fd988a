package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void aReadThroughOneInstanceShowsEveryChangeTheOtherInstanceHasAcknowledged() throws Exception {
        try (SharedPostgres db = new SharedPostgres("current-reads");
             AppProcess writer = AppProcess.start("current-reads-writer", db.environment())
                     .awaitReady(Duration.ofSeconds(90));
             AppProcess reader = AppProcess.start("current-reads-reader", db.environment())
                     .awaitReady(Duration.ofSeconds(90))) {
            Api write = writer.api();
            Api read = reader.api();
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
