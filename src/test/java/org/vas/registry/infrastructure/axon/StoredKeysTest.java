package org.vas.registry.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * A version's declared documents are events' payloads, so reading the log meets every key any schema ever
 * declared: the stored format's mappers read keys as new strings, not through a table that each new key copies.
 */
class StoredKeysTest {

    @Test
    void eventsAndSnapshotsAreReadWithoutCanonicalizingKeys() {
        AxonConfiguration axon = new AxonConfiguration();

        assertThat(List.of(axon.axonSerializer(), axon.snapshotSerializer()))
                .allSatisfy(serializer -> assertThat(((JacksonSerializer) serializer).getObjectMapper().getFactory()
                        .isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)).isFalse());
    }
}
