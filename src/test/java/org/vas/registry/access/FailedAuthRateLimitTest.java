package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** Its own application, so that its failed attempts do not count against other tests' address. */
@RegistryTest
@TestPropertySource(properties = {"registry.security.failed-auth.limit=3", "registry.security.failed-auth.per=1h"})
class FailedAuthRateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void failedAuthenticationsFromOneAddressAreLimitedWith429AndRetryAfter() {
        Api guesser = new Api(port, "amr_guessing-a-key-that-does-not-exist");
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.get("/api/v1/ai-models").status()).isEqualTo(401);
        }

        Api.Response limited = guesser.get("/api/v1/ai-models");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
        assertThat(new Api(port).get("/api/v1/ai-models").status()).isEqualTo(429);
        assertThat(new Api(port, null).get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
