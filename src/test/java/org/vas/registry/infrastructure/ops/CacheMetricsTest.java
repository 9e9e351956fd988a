package org.vas.registry.infrastructure.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** The caches that grow with the registry, as a Prometheus scrape with the metrics role's key sees them. */
@RegistryTest
class CacheMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void theScrapeShowsTheRegistrysCachesWithTheirHitsAndSizes() {
        Api admin = new Api(port, Api.ADMIN_KEY);
        String id = Api.uniqueId("cached");
        assertThat(admin.register(id).status()).isEqualTo(201);
        assertThat(admin.addVersion(id, "1.0.0", 30, Map.of("type", "object")).status()).isEqualTo(201);
        admin.post("/api/v1/ai-models/" + id + "/enable", Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/v1/ai-models/" + id).status()).isEqualTo(200);
            Api.Response validation = admin.post("/api/v1/ai-models/validate-assignment", Map.of("camera_id",
                    "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", id, "desired_fps", 10, "parameters", Map.of()));
            assertThat(validation.json().path("valid").asBoolean()).as(validation.body()).isTrue();
            assertThat(admin.get("/api/v1/ai-models?limit=5").status()).isEqualTo(200);
        }
        String metricsKey = admin.post("/api/v1/admin/api-keys", Map.of("name", Api.uniqueId("scraper"),
                "roles", List.of("metrics"))).json().get("key").asText();

        Api.Response scrape = new Api(port, metricsKey).get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        for (String cache : List.of("rendered_models", "compiled_schemas", "api_keys", "validation_targets",
                "listed_pages", "model_revisions")) {
            assertThat(scrape.body()).containsPattern("cache_gets_total\\{[^}]*cache=\"" + cache
                    + "\"[^}]*result=\"hit\"[^}]*} [1-9]");
            assertThat(scrape.body()).containsPattern("cache_size\\{[^}]*cache=\"" + cache + "\"[^}]*} [1-9]");
        }
        // The one schema fits, so none is declined; the operator still finds the counter under its documented name.
        assertThat(scrape.body()).containsPattern("cache_declined_total\\{[^}]*cache=\"compiled_schemas\"[^}]*} 0");
        assertThat(new Api(port, metricsKey).get("/api/v1/ai-models/" + id).status()).isEqualTo(403);
    }
}
