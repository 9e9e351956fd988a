package org.vas.registry.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a text's UTF-8 bytes, in lowercase hex, as PostgreSQL's {@code encode(sha256(...), 'hex')}. */
public final class Sha256 {

    /** Hashing is on hot paths (every credential, every schema read): a digest per thread, not one per call. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::digest);

    private Sha256() {
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(DIGESTS.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
