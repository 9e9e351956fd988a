package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.KeyMaterial;

/**
 * Leaves every {@link KeyMaterial} component out of whatever the API's mapper writes: events of every revision as
 * the feed and a model's history render them, and any answer that might carry one later. The log keeps it, as
 * events are stored by a mapper of their own. Spring Boot registers this module with the API's mapper.
 */
@Component
class KeyMaterialOmitted extends SimpleModule {

    KeyMaterialOmitted() {
        super("key-material-omitted");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                             List<BeanPropertyWriter> properties) {
                Class<?> type = description.getBeanClass();
                if (!type.isRecord()) {
                    return properties;
                }
                Set<String> secret = Arrays.stream(type.getRecordComponents())
                        .filter(component -> component.isAnnotationPresent(KeyMaterial.class))
                        .map(RecordComponent::getName)
                        .collect(Collectors.toSet());
                properties.removeIf(property -> secret.contains(property.getMember().getName()));
                return properties;
            }
        });
    }
}
