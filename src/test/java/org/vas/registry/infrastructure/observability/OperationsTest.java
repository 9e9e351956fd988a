package org.vas.registry.infrastructure.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class OperationsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;

    private Api api() {
        return new Api(port);
    }

    @Test
    void healthReportsTheDatabaseAndTheProjectionAndServesTheProbeGroups() {
        api().register(Api.uniqueId("health"));

        JsonNode health = api().get("/actuator/health/details").json();

        assertThat(health.path("status").textValue()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").textValue()).isEqualTo("UP");
        JsonNode projection = health.path("components").path("projection");
        assertThat(projection.path("status").textValue()).isEqualTo("UP");
        assertThat(projection.path("details").path("lag").longValue()).isZero();
        assertThat(projection.path("details").path("events_stored").longValue()).isPositive();
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        JsonNode readiness = api().get("/actuator/health/readiness").json();
        assertThat(readiness.path("status").textValue()).isEqualTo("UP");
        assertThat(api().get("/actuator/health").json().path("status").textValue()).isEqualTo("UP");
    }

    @Test
    void aReadModelBehindTheEventLogTakesTheInstanceOutOfReadiness() {
        jdbc.update("UPDATE read_model_state SET position = position - 1 WHERE id = 1");
        try {
            Api.Response readiness = api().get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(api().get("/actuator/health/details").json().path("components").path("projection")
                    .path("status").textValue()).isEqualTo("OUT_OF_SERVICE");
            assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            jdbc.update("UPDATE read_model_state SET position = position + 1 WHERE id = 1");
        }
    }

    @Test
    void prometheusExportsCommandsValidationsTheEventLogAndHttpTimings() {
        String id = Api.uniqueId("metrics");
        api().register(id);
        api().register(id);
        api().post("/api/v1/ai-models/validate-assignment", Map.of("camera_id",
                "4f0b7a3e-8a7e-4d55-9c33-0d2f6a1b2c3d", "model_id", id));

        Api.Response metrics = api().get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("registry_commands_seconds_count{application=\"ai-model-registry\",outcome=\"success\","
                        + "type=\"RegisterModel\"}")
                .contains("outcome=\"rejected\",type=\"RegisterModel\"")
                .contains("registry_validations_total{application=\"ai-model-registry\",result=\"invalid\"}")
                .contains("registry_validation_violations_total{application=\"ai-model-registry\","
                        + "code=\"MODEL_DISABLED\"}")
                .contains("registry_projection_lag{")
                .contains("registry_projection_position{")
                .contains("registry_event_store_head{")
                .contains("registry_event_store_append_seconds_count{")
                .contains("http_server_requests_seconds_count{");
    }

    @Test
    void everyResponseCarriesACorrelationIdTheCallersWhenItIsSane() {
        assertThat(api().get("/api/v1/ai-models", "X-Request-Id", "req-42").header("X-Request-Id"))
                .isEqualTo("req-42");
        assertThat(api().get("/api/v1/ai-models", "X-Request-Id", "bad id; x=1").header("X-Request-Id"))
                .isNotEqualTo("bad id; x=1").hasSize(36);
        assertThat(api().get("/api/v1/ai-models").header("X-Request-Id")).hasSize(36);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theCorrelationIdIsInTheLogLinesOfItsRequest(CapturedOutput output) {
        String id = Api.uniqueId("logged");
        Registration failing = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            throw new IllegalStateException("injected by the test for " + id);
        });
        try {
            assertThat(api().post("/api/v1/ai-models", Map.of("model_id", id, "name", "Logged"),
                    "X-Request-Id", "req-" + id).status()).isEqualTo(500);
        } finally {
            failing.cancel();
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("Unexpected failure")))
                .anyMatch(line -> line.contains("[req-" + id + "]"));
    }
}
