package org.vas.registry.support;

import com.nimbusds.jose.JOSEException;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Bearer JWTs for tests: an RSA key pair made here, its public key as the registry reads it, signed tokens. */
public final class Jwts {

    private Jwts() {
    }

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a PEM file, for {@code registry.security.jwt.public-key-location}. */
    public static Path publicKeyPem(KeyPair keys) throws IOException {
        Path pem = Files.createTempFile("registry-jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return pem;
    }

    /** A token for {@code subject} with {@code roles} in {@code claim}, valid for that long (negative: expired). */
    public static String token(KeyPair keys, String subject, String claim, List<String> roles, long validSeconds) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject)
                .claim(claim, roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)))
                .build());
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A client that presents this token as {@code Authorization: Bearer}. */
    public static Api bearer(int port, String token) {
        return new Api(port, null) {
            @Override
            public Api.Response send(String method, String path, Object body, String contentType,
                                     String... headers) {
                String[] withToken = Arrays.copyOf(headers, headers.length + 2);
                withToken[headers.length] = "Authorization";
                withToken[headers.length + 1] = "Bearer " + token;
                return super.send(method, path, body, contentType, withToken);
            }
        };
    }
}
