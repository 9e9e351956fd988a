package org.vas.registry.assignment.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Batches large enough to be judged on every core, with caches that hold no schema, so that each batch reads every
 * schema text it needs from PostgreSQL: the verdicts are those of single calls, and a database that cannot supply
 * a text fails the whole batch with a 503, never a verdict made without it and never a 500.
 */
@RegistryTest
@TestPropertySource(properties = {"registry.cache.compiled-schemas.max-size=1B",
        "registry.cache.schema-texts.max-size=1B"})
class BatchOnEveryCoreApiTest {

    private static final String MODELS = "/api/v1/ai-models";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final int MODEL_COUNT = 40;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    /** Models each with a schema of its own, which requires a property named after the model. */
    private List<String> modelsWithSchemasOfTheirOwn(Api api) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MODEL_COUNT; i++) {
            String id = Api.uniqueId("every-core");
            api.register(id);
            assertThat(api.addVersion(id, "1.0.0", 30, Map.of("type", "object", "required", List.of(id),
                    "properties", Map.of(id, Map.of("type", "integer", "maximum", 10)))).status()).isEqualTo(201);
            assertThat(api.post(MODELS + "/" + id + "/enable", null).status()).isEqualTo(200);
            ids.add(id);
        }
        return ids;
    }

    /** Over the models in turn, every third assignment breaking its model's schema. */
    private static List<Map<String, Object>> batch(List<String> ids) {
        List<Map<String, Object>> assignments = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = ids.get(i % ids.size());
            assignments.add(Map.of("camera_id", CAMERA, "model_id", id, "parameters", Map.of(id, i % 3 == 0 ? 11 : i % 10)));
        }
        return assignments;
    }

    @Test
    void aLargeBatchHasTheVerdictsOfSingleCallsInItsOrder() {
        Api api = new Api(port);
        List<Map<String, Object>> assignments = batch(modelsWithSchemasOfTheirOwn(api));

        Api.Response response = api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments));

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        for (int i = 0; i < assignments.size(); i++) {
            JsonNode single = api.post(MODELS + "/validate-assignment", assignments.get(i)).json();
            assertThat(results.get(i)).as("assignment %d", i).isEqualTo(single);
            assertThat(single.get("valid").asBoolean()).isEqualTo(i % 3 != 0);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBatchWhoseSchemaTextsCannotBeReadIs503AndTheNextIsJudgedWhole() throws Exception {
        Api api = new Api(port);
        List<Map<String, Object>> assignments = batch(modelsWithSchemasOfTheirOwn(api));
        // The models' copies are now kept, so only the schema texts are read from model_version.
        assertThat(api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments)).status())
                .isEqualTo(200);

        Api.Response refused;
        long millis;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE model_version IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            refused = api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments));
            millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            blocker.rollback();
        }
        Api.Response after = api.post(MODELS + "/validate-assignments", Map.of("assignments", assignments));

        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(503);
        assertThat(refused.json().get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(millis).as("one text's read timed out, not one per share").isLessThan(8_000);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("valid").asInt()).isEqualTo(333);
    }
}
