package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vas.registry.support.AppProcess;

/**
 * Starting the registry a second time on the data directory of one that is running (a second
 * {@code ./mvnw spring-boot:run} in the same folder) must not take the first one's database away: the second start
 * is refused and says why, and the first keeps serving.
 */
class SharedDataDirectoryTest {

    @Test
    void aSecondRegistryOnARunningOnesDataDirectoryIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path data = AppProcess.freshDirectory("shared-data");
        Map<String, String> environment = Map.of("REGISTRY_DATA_DIR", data.toString());
        try (AppProcess first = AppProcess.start("shared-first", environment).awaitReady(Duration.ofMinutes(2))) {
            String id = "shared-" + System.nanoTime();
            assertThat(first.api().register(id).status()).isEqualTo(201);

            try (AppProcess second = AppProcess.start("shared-second", environment)) {
                assertThat(second.awaitExit(Duration.ofMinutes(2))).isEqualTo(3);
                assertThat(second.log()).contains("another registry is running on this data directory",
                        "Stop the other registry, or give this one its own data directory with REGISTRY_DATA_DIR");
                // Said once, without a stack trace to scroll through.
                assertThat(second.log()).doesNotContain("\tat ", "Caused by");
            }

            assertThat(first.api().get("/api/v1/ai-models/" + id).status()).isEqualTo(200);
            assertThat(first.api().register(id + "-after").status()).isEqualTo(201);
        }
    }
}
