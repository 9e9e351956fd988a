package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** Every read on an instance waits for the read model's version: when it cannot be read, reads fail, not hang. */
@RegistryTest
class ReadModelHeadTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readsAnswer503WhenTheReadModelsVersionCannotBeReadInTime() throws Exception {
        Api api = new Api(port);
        String id = Api.uniqueId("head");
        assertThat(api.register(id).status()).isEqualTo(201);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE read_model_state IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            Api.Response list = api.get("/api/v1/ai-models?limit=5");
            Api.Response one = api.get("/api/v1/ai-models/" + id);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            assertThat(list.status()).isEqualTo(503);
            assertThat(list.json().get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(one.status()).isEqualTo(503);
            assertThat(seconds).isLessThan(4L * ReadModelHead.TIMEOUT_SECONDS);
            blocker.rollback();
        }
        assertThat(api.get("/api/v1/ai-models/" + id).status()).isEqualTo(200);
    }
}
