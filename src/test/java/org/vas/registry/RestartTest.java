package org.vas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.vas.registry.support.Api;

/** The embedded PostgreSQL keeps its data directory: a stopped and restarted registry still knows its models. */
class RestartTest {

    @Test
    void aRestartedRegistryFindsEverythingItHadAcknowledged() {
        Path dataDir = Path.of("target", "test-postgres", "restart-" + UUID.randomUUID());
        String id = Api.uniqueId("survivor");

        try (ConfigurableApplicationContext first = start(dataDir)) {
            Api api = api(first);
            assertThat(api.register(id).status()).isEqualTo(201);
            assertThat(api.addVersion(id, "1.0.0", 15, null).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/ai-models/" + id + "/enable", null).status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            Api api = api(second);
            JsonNode model = api.get("/api/v1/ai-models/" + id).json();
            assertThat(model.get("enabled").asBoolean()).isTrue();
            assertThat(model.get("default_version").asText()).isEqualTo("1.0.0");
            assertThat(api.get("/api/v1/ai-models/" + id + "/history").json().get("events")).hasSize(3);
            assertThat(api.post("/api/v1/ai-models/" + id + "/disable", Map.of("reason", "after restart"))
                    .json().get("revision").asLong()).isEqualTo(3);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Arguments, not default properties: those would lose to application.properties' ${PORT:8080}.
        return new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.embedded-postgres.data-dir=" + dataDir,
                        "--registry.security.bootstrap-admin-key=" + Api.ADMIN_KEY);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
