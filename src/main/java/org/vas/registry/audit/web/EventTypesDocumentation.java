package org.vas.registry.audit.web;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vas.registry.audit.EventLog;

/** The event types the API names are the log's own, taken from the sealed event hierarchies, never listed by hand. */
@Configuration(proxyBeanMethods = false)
class EventTypesDocumentation {

    @Bean
    OpenApiCustomizer eventTypes() {
        return openApi -> {
            List<Object> types = List.copyOf(EventLog.types());
            Schema<?> event = openApi.getComponents().getSchemas().get("EventView");
            ((Schema<Object>) event.getProperties().get("type")).setEnum(types);
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if ("listEvents".equals(operation.getOperationId())) {
                    for (Parameter parameter : operation.getParameters()) {
                        if ("type".equals(parameter.getName())) {
                            ((Schema<Object>) parameter.getSchema().getItems()).setEnum(types);
                        }
                    }
                }
            }));
        };
    }
}
