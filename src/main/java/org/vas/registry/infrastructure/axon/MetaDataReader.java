package org.vas.registry.infrastructure.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Reads an event's metadata as Axon's own deserializer does (a map of names to values), with the map's deserializer
 * looked up once. Axon's asks Jackson for it on every event, which builds its key deserializer again each time: a
 * short profile of the change feed put 45% of the request in it. Registered on every Jackson serializer of Axon's,
 * after Axon's own module, so that it is the one Jackson finds for {@link MetaData}.
 */
final class MetaDataReader extends StdDeserializer<MetaData> {

    private volatile JsonDeserializer<Object> map;

    MetaDataReader() {
        super(MetaData.class);
    }

    /** Registers the reader on the mapper of each of Axon's Jackson serializers as it is created. */
    static BeanPostProcessor registrar() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof JacksonSerializer serializer) {
                    serializer.getObjectMapper().registerModule(
                            new SimpleModule("registry-metadata").addDeserializer(MetaData.class, new MetaDataReader()));
                }
                return bean;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = map;
        if (deserializer == null) {
            JavaType type = context.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
            deserializer = context.findRootValueDeserializer(type);
            map = deserializer;
        }
        return MetaData.from((Map<String, Object>) deserializer.deserialize(parser, context));
    }

    /** As Axon's: metadata written with type information reads back through it. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                                      TypeDeserializer typeDeserializer) throws IOException {
        return typeDeserializer.deserializeTypedFromAny(parser, context);
    }
}
