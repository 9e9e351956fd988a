package org.vas.registry.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The chain's head at a moment, signed. The signature covers exactly the text {@link #signedText()}, so an auditor
 * can check it with any Ed25519 tool, not only with this registry's code.
 */
record Checkpoint(long position, String hash, Instant time, String keyId, String signature) {

    static final String HEADER = "ai-model-registry checkpoint 1";

    static String signedText(long position, String hash, Instant time) {
        return HEADER + "\nposition " + position + "\nhash " + hash + "\ntime " + time + "\n";
    }

    String signedText() {
        return signedText(position, hash, time);
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.US_ASCII);
    }
}
