package org.vas.registry.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ActivityApiTest {

    @LocalServerPort
    int port;

    @Test
    void theActivityShowsTheLastChangeItsReasonAndTheEventCountOnceTheTrackingProcessorCaughtUp() {
        Api api = new Api(port);
        String id = Api.uniqueId("activity");
        api.register(id);
        api.addVersion(id, "1.0.0", 15, null);
        api.post("/api/v1/ai-models/" + id + "/enable", null);
        api.post("/api/v1/ai-models/" + id + "/disable", Map.of("reason", "night false alarms"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode activity = api.get("/api/v1/ai-models/" + id + "/activity").json();
            assertThat(activity.path("event_count").asLong()).isEqualTo(4);
            assertThat(activity.path("last_event_type").asText()).isEqualTo("ModelDisabled");
            assertThat(activity.path("last_reason").asText()).isEqualTo("night false alarms");
        });
        JsonNode tracking = api.get("/api/v1/admin/projections").json().get("projections").get(1);
        assertThat(tracking.get("name").asText()).isEqualTo("audit-activity");
        assertThat(tracking.get("mode").asText()).isEqualTo("tracking");
    }

    @Test
    void theTrackingProcessorsStatusReachesThePositionOfTheLastEventItApplied() {
        Api api = new Api(port);
        String id = Api.uniqueId("tracked");
        long position = api.register(id).json().get("position").asLong();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode tracking = api.get("/api/v1/admin/projections").json().get("projections").get(1);
            assertThat(tracking.get("position").asLong()).isGreaterThanOrEqualTo(position);
            assertThat(tracking.get("lag").asLong()).isLessThanOrEqualTo(tracking.get("head").asLong() - position);
        });
    }

    @Test
    void theActivityOfAnUnknownModelIsAProblem404() {
        Api.Response response = new Api(port).get("/api/v1/ai-models/" + Api.uniqueId("nobody") + "/activity");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
