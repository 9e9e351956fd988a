package org.vas.registry.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Recomputes the chain from its first link, one position at a time in position order, and stops at the first
 * position that breaks it. A position with neither an event nor a link is a sequence number that a rolled-back
 * transaction drew and is never seen here; a removed event shows as a link without its event, or, if its link
 * was removed too, as the next link naming a previous position that is gone.
 */
final class ChainFold {

    enum Kind {
        /** The event's stored columns or its link's hash are not what was chained. */
        CHANGED,
        /** An event that was chained is gone. */
        REMOVED,
        /** An event, or a link, that the registry's append path did not write. */
        INSERTED,
        /** The log does not pass through the checkpoint's position with the checkpoint's hash. */
        CHECKPOINT_MISMATCH;

        /** The name the API, the health check and the offline tool show, so the API's enum is this one. */
        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Break(long position, Kind kind, String detail) {
    }

    record Result(boolean intact, long head, String headHash, long checked, Break firstBreak) {
    }

    /** A checkpoint the log must pass through; position 0 is the empty log. */
    record Expected(long position, byte[] hash) {
    }

    private final Expected expected;
    private long previous;
    private byte[] running = CanonicalEncoding.GENESIS;
    private long checked;
    private boolean expectedSeen;
    private Break broken;

    ChainFold(Expected expected) {
        this.expected = expected;
        if (expected != null && expected.position() == 0) {
            expectedSeen = true;
            if (!MessageDigest.isEqual(expected.hash(), CanonicalEncoding.GENESIS)) {
                broken = new Break(0, Kind.CHECKPOINT_MISMATCH, "the checkpoint's hash at position 0 is not the "
                        + "empty log's");
            }
        }
    }

    boolean broken() {
        return broken != null;
    }

    /** The next position in ascending order that has an event, a link or both. */
    void accept(StoredEvent event, ChainLink link) {
        if (broken != null) {
            return;
        }
        long position = event != null ? event.position() : link.position();
        if (expected != null && !expectedSeen && position > expected.position()) {
            broken = new Break(expected.position(), Kind.CHECKPOINT_MISMATCH,
                    "the checkpoint's position holds no chained event");
            return;
        }
        if (link == null) {
            broken = new Break(position, Kind.INSERTED, "an event that the registry did not chain");
            return;
        }
        if (event == null) {
            broken = new Break(position, Kind.REMOVED, "a chained event is gone");
            return;
        }
        if (link.previous() > previous) {
            broken = new Break(link.previous(), Kind.REMOVED, "the event chained before position " + position
                    + " is gone with its link");
            return;
        }
        if (link.previous() < previous) {
            broken = new Break(previous, Kind.INSERTED, "the link at position " + position + " skips this event");
            return;
        }
        byte[] hash = CanonicalEncoding.link(running, previous, event);
        if (!MessageDigest.isEqual(hash, link.hash())) {
            broken = new Break(position, Kind.CHANGED, "the stored event is not the one that was chained");
            return;
        }
        running = hash;
        previous = position;
        checked++;
        if (expected != null && position == expected.position()) {
            expectedSeen = true;
            if (!MessageDigest.isEqual(hash, expected.hash())) {
                broken = new Break(position, Kind.CHECKPOINT_MISMATCH,
                        "the log's hash at the checkpoint's position is not the checkpoint's");
            }
        }
    }

    Result finish() {
        if (broken == null && expected != null && !expectedSeen) {
            broken = new Break(expected.position(), Kind.CHECKPOINT_MISMATCH,
                    "the log ends at position " + previous + ", before the checkpoint's position");
        }
        return new Result(broken == null, previous, hex(running), checked, broken);
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
