package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Its own application, so that its failed attempts do not count against other tests' address. Behind a proxy
 * the client address is the one the proxy forwards ({@code server.forward-headers-strategy=native}, as
 * docs/operations.md says), so each test speaks from addresses of its own.
 */
@RegistryTest
@TestPropertySource(properties = {"registry.security.failed-auth.limit=3", "registry.security.failed-auth.per=1h",
        "server.forward-headers-strategy=native"})
class FailedAuthRateLimitTest {

    private static final String FORWARDED = "X-Forwarded-For";

    @LocalServerPort
    int port;
    @Autowired
    @FlywayDataSource
    DataSource ownerDataSource;

    @Test
    void failedAuthenticationsFromOneAddressAreLimitedWith429AndRetryAfter() {
        String address = "203.0.113.1";
        Api guesser = new Api(port, "amr_guessing-a-key-that-does-not-exist");
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.get("/api/v1/ai-models", FORWARDED, address).status()).isEqualTo(401);
        }

        Api.Response limited = guesser.get("/api/v1/ai-models", FORWARDED, address);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
        assertThat(new Api(port, "amr_another-guess-from-the-same-address").get("/api/v1/ai-models", FORWARDED,
                address).status()).isEqualTo(429);
        assertThat(guesser.get("/actuator/health/liveness", FORWARDED, address).status()).isEqualTo(200);
    }

    @Test
    void validKeysBehindTheSameAddressKeepWorkingWhileAnotherClientsBadKeyIsLimited() {
        String proxy = "203.0.113.2";
        Api admin = new Api(port);
        Api colleague = new Api(port, admin.post("/api/v1/admin/api-keys", Map.of("name", Api.uniqueId("colleague"),
                "roles", List.of("reader"))).json().get("key").asText());
        assertThat(admin.get("/api/v1/ai-models", FORWARDED, proxy).status()).isEqualTo(200);
        assertThat(colleague.get("/api/v1/ai-models", FORWARDED, proxy).status()).isEqualTo(200);
        Api misconfigured = new Api(port, "amr_a-client-with-a-stale-key-in-its-config");
        for (int i = 0; i < 10; i++) {
            misconfigured.get("/api/v1/ai-models", FORWARDED, proxy);
        }

        assertThat(misconfigured.get("/api/v1/ai-models", FORWARDED, proxy).status()).isEqualTo(429);
        assertThat(admin.get("/api/v1/ai-models", FORWARDED, proxy).status()).isEqualTo(200);
        assertThat(colleague.get("/api/v1/ai-models", FORWARDED, proxy).status()).isEqualTo(200);
    }

    @Test
    void oneBadKeyIsLimitedFromEveryAddressItIsTriedFrom() {
        Api stale = new Api(port, "amr_one-stale-key-tried-from-everywhere");
        for (int i = 0; i < 3; i++) {
            assertThat(stale.get("/api/v1/ai-models", FORWARDED, "198.51.100." + i).status()).isEqualTo(401);
        }

        assertThat(stale.get("/api/v1/ai-models", FORWARDED, "198.51.100.99").status()).isEqualTo(429);
        assertThat(new Api(port).get("/api/v1/ai-models", FORWARDED, "198.51.100.99").status()).isEqualTo(200);
    }

    @Test
    void publicEndpointsNeitherLookAtNorCountTheCredentialsSentToThem() {
        String probe = "203.0.113.3";
        Api probeWithAStaleKey = new Api(port, "amr_a-probe-configured-with-a-revoked-key");
        for (int i = 0; i < 10; i++) {
            assertThat(probeWithAStaleKey.get("/actuator/health/liveness", FORWARDED, probe).status()).isEqualTo(200);
            assertThat(probeWithAStaleKey.get("/actuator/health/readiness", FORWARDED, probe).status())
                    .isEqualTo(200);
            assertThat(probeWithAStaleKey.get("/v3/api-docs", FORWARDED, probe).status()).isEqualTo(200);
        }

        assertThat(probeWithAStaleKey.get("/api/v1/ai-models", FORWARDED, probe).status()).isEqualTo(401);
    }

    @Test
    void publicEndpointsAnswerAProbeThatSendsAKeyWhileNoKeyCanBeLookedUp() {
        JdbcTemplate owner = new JdbcTemplate(ownerDataSource);
        Api probe = new Api(port, "amr_a-probe-configured-with-some-key-0123456789");
        String address = "203.0.113.4";
        owner.execute("REVOKE SELECT ON api_key FROM registry_app");
        try {
            assertThat(probe.get("/api/v1/ai-models", FORWARDED, address).status()).isEqualTo(503);

            assertThat(probe.get("/actuator/health/liveness", FORWARDED, address).status()).isEqualTo(200);
            assertThat(probe.get("/actuator/health/readiness", FORWARDED, address).status()).isEqualTo(200);
            assertThat(probe.get("/actuator/health", FORWARDED, address).status()).isEqualTo(200);
            assertThat(probe.get("/v3/api-docs", FORWARDED, address).status()).isEqualTo(200);
        } finally {
            owner.execute("GRANT SELECT ON api_key TO registry_app");
        }
    }
}
