package org.vas.registry.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

    private static final StoredEvent EVENT = ChainFoldTest.event(7, "{\"model_id\":\"m\"}");

    private static String hash(StoredEvent event) {
        return ChainFold.hex(CanonicalEncoding.link(CanonicalEncoding.GENESIS, 0, event));
    }

    private static StoredEvent withPayloadAndMetaData(String payload, String metaData) {
        return new StoredEvent(EVENT.position(), EVENT.eventIdentifier(), EVENT.aggregateIdentifier(),
                EVENT.sequenceNumber(), EVENT.type(), EVENT.timestamp(), EVENT.payloadType(), EVENT.payloadRevision(),
                payload.getBytes(StandardCharsets.UTF_8), metaData == null ? null
                : metaData.getBytes(StandardCharsets.UTF_8));
    }

    /** Format 1 is fixed for ever: every chain written with it must still verify after any upgrade. */
    @Test
    void formatOneHashesAKnownEventToAKnownValue() {
        assertThat(hash(EVENT)).isEqualTo(KNOWN);
    }

    @Test
    void bytesMovedBetweenPayloadAndMetadataChangeTheHash() {
        assertThat(hash(withPayloadAndMetaData("{}{", "}"))).isNotEqualTo(hash(withPayloadAndMetaData("{}", "{}")));
    }

    @Test
    void missingMetadataAndEmptyMetadataHashDifferently() {
        assertThat(hash(withPayloadAndMetaData("{}", null))).isNotEqualTo(hash(withPayloadAndMetaData("{}", "")));
    }

    @Test
    void theSameEventChainedAfterAnotherLinkHashesDifferently() {
        assertThat(ChainFold.hex(CanonicalEncoding.link(CanonicalEncoding.GENESIS, 3, EVENT)))
                .isNotEqualTo(hash(EVENT));
    }

    @Test
    void semanticallyEqualJsonStoredWithOtherBytesHashesDifferently() {
        assertThat(hash(withPayloadAndMetaData("{\"a\":1,\"b\":2}", "{}")))
                .isNotEqualTo(hash(withPayloadAndMetaData("{\"b\":2,\"a\":1}", "{}")));
    }

    /** Computed independently of this code, from the format as docs/decisions.md states it (a few lines of Python). */
    private static final String KNOWN = "a0841a2ebb19bd43a8e7cd8ae5d41447ddfef372a2513622283431a6b7ccdbb4";
}
