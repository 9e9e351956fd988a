package org.vas.registry.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Format 1 of an event's link hash: SHA-256 over a tag, the previous link's hash and position, and every stored
 * column of the event, each field length-prefixed (a 4-byte big-endian length, -1 for SQL NULL) so that no two
 * different rows encode alike. Payload and metadata are hashed as their stored bytes: the hash does not depend on
 * Jackson, on the event classes or on upcasters, only on what the table holds. A later format gets a new tag and
 * number; format 1 stays verifiable for as long as events hashed with it exist.
 */
final class CanonicalEncoding {

    static final int FORMAT = 1;
    static final int HASH_BYTES = 32;
    /** What the first event is chained to: position 0, a hash of zeros. */
    static final byte[] GENESIS = new byte[HASH_BYTES];

    private static final byte[] TAG = "ai-model-registry/event-chain/1".getBytes(StandardCharsets.US_ASCII);

    private CanonicalEncoding() {
    }

    static byte[] link(byte[] previousHash, long previousPosition, StoredEvent event) {
        MessageDigest digest = sha256();
        bytes(digest, TAG);
        bytes(digest, previousHash);
        number(digest, previousPosition);
        number(digest, event.position());
        text(digest, event.eventIdentifier());
        text(digest, event.aggregateIdentifier());
        number(digest, event.sequenceNumber());
        text(digest, event.type());
        text(digest, event.timestamp());
        text(digest, event.payloadType());
        text(digest, event.payloadRevision());
        bytes(digest, event.payload());
        bytes(digest, event.metaData());
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void number(MessageDigest digest, long value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }
}
