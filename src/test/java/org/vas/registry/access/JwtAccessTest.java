package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** Bearer JWTs verified with a locally generated RSA key pair, roles from a configurable claim. */
@RegistryTest
class JwtAccessTest {

    private static final KeyPair TRUSTED = keyPair();
    private static final KeyPair STRANGER = keyPair();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("registry-jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TRUSTED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
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
        return new Api(port, null) {
            @Override
            public Api.Response send(String method, String path, Object body, String contentType,
                                     String... headers) {
                String[] withToken = java.util.Arrays.copyOf(headers, headers.length + 2);
                withToken[headers.length] = "Authorization";
                withToken[headers.length + 1] = "Bearer " + token;
                return super.send(method, path, body, contentType, withToken);
            }
        };
    }

    private static String token(KeyPair keys, String subject, List<String> roles, long validSeconds)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("registry_roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)))
                .build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
