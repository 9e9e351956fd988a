package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.Jwts;
import org.vas.registry.support.RegistryTest;

/** Bearer JWTs verified with a locally generated RSA key pair, roles from a configurable claim. */
@RegistryTest
class JwtAccessTest {

    private static final KeyPair TRUSTED = Jwts.keyPair();
    private static final KeyPair STRANGER = Jwts.keyPair();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Jwts.publicKeyPem(TRUSTED);
        registry.add("registry.security.jwt.public-key-location", () -> "file:" + pem);
        registry.add("registry.security.jwt.roles-claim", () -> "registry_roles");
    }

    @Test
    void aSignedTokenGrantsTheRolesInItsClaimAndNamesTheActor() throws Exception {
        Api reader = bearer(token(TRUSTED, "svc-frontend", List.of("reader", "other-app-role"), 300));
        Api admin = bearer(token(TRUSTED, "alice@example.org", List.of("admin", "auditor"), 300));

        assertThat(reader.get("/api/v1/ai-models").status()).isEqualTo(200);
        assertThat(reader.register(Api.uniqueId("jwt")).status()).isEqualTo(403);
        String id = Api.uniqueId("jwt");
        assertThat(admin.register(id).status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/ai-models/" + id + "/history").json().get("events").get(0).get("actor")
                .asText()).isEqualTo("alice@example.org");
    }

    @Test
    void anUntrustedOrExpiredTokenIsRefused() throws Exception {
        assertThat(bearer(token(STRANGER, "mallory", List.of("admin"), 300)).get("/api/v1/ai-models").status())
                .isEqualTo(401);
        assertThat(bearer(token(TRUSTED, "late", List.of("reader"), -60)).get("/api/v1/ai-models").status())
                .isEqualTo(401);
        assertThat(new Api(port).get("/api/v1/ai-models").status()).isEqualTo(200);
    }

    private Api bearer(String token) {
        return Jwts.bearer(port, token);
    }

    private static String token(KeyPair keys, String subject, List<String> roles, long validSeconds) {
        return Jwts.token(keys, subject, "registry_roles", roles, validSeconds);
    }
}
