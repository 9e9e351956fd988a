package org.vas.registry.infrastructure.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class ActuatorInfoTest {

    @LocalServerPort
    int port;

    @Test
    void infoNamesTheBuildTheCommitAndTheAbsoluteDataDirectory() {
        JsonNode info = new Api(port, Api.ADMIN_KEY).get("/actuator/info").json();

        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/build/time").asText()).isNotBlank();
        assertThat(info.at("/git/commit/id").asText()).matches("[0-9a-f]{7,40}");
        assertThat(info.at("/registry/database").asText()).isEqualTo("embedded");
        String dataDir = info.at("/registry/data_dir").asText();
        assertThat(Path.of(dataDir)).isAbsolute();
        assertThat(dataDir).contains("target/test-postgres/").doesNotContain("/./");
    }
}
