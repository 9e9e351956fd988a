package org.vas.registry.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class MetaDataReaderTest {

    private static final MetaData WRITTEN = MetaData.from(Map.of("actor", "apikey:admin", "reason", "false alarms",
            "correlation_id", "5dffaf94-be14-4ee6-9fae-fadcd69fcdd0", "attempt", 3, "tags", List.of("a", "b"),
            "nested", Map.of("x", 1.5, "y", true)));

    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;

    @Test
    void theEventSerializerReadsMetadataWithTheReaderThatLooksItsMapDeserializerUpOnce() throws Exception {
        ObjectMapper mapper = ((JacksonSerializer) events).getObjectMapper();
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());

        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataReader.class);
    }

    @Test
    void metadataReadsBackAsAxonsOwnDeserializerReadsIt() {
        SerializedObject<byte[]> serialized = events.serialize(WRITTEN, byte[].class);
        Serializer axons = JacksonSerializer.defaultSerializer();

        for (int i = 0; i < 3; i++) {
            MetaData read = events.deserialize(serialized);
            assertThat(read).isEqualTo(axons.deserialize(serialized)).isEqualTo(WRITTEN);
        }
    }
}
