package org.vas.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import org.vas.registry.kernel.KeyMaterial;

/**
 * An event as auditors and feed consumers read it: where it sits in the log, what happened, when, who did it,
 * why, and in which request. {@code model_id} is null for events about API keys; their data names the key.
 */
public record EventView(long position, @Schema(nullable = true) String modelId, long revision, String type,
                        Instant occurredAt, @Schema(nullable = true) String actor,
                        @Schema(nullable = true) String reason,
                        @Schema(nullable = true) String correlationId, @Schema(nullable = true) String causationId,
                        JsonNode data) {

    public static EventView of(LoggedEvent event, ObjectMapper json) {
        return new EventView(event.position(), event.isModelEvent() ? event.modelId() : null, event.revision(),
                event.type(), event.occurredAt(),
                text(event, "actor"), text(event, "reason"), text(event, "correlation_id"),
                text(event, "causation_id"), withoutKeyMaterial(event.event(), json));
    }

    /**
     * The one place events are rendered for output, so the one place key material is left out: every endpoint
     * that shows events, and every event already in the log, is covered.
     */
    private static JsonNode withoutKeyMaterial(Object event, ObjectMapper json) {
        JsonNode data = json.valueToTree(event);
        if (data instanceof ObjectNode fields && event.getClass().isRecord()) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.isAnnotationPresent(KeyMaterial.class)) {
                    fields.remove(component.getName());
                    if (json.getPropertyNamingStrategy() instanceof PropertyNamingStrategies.NamingBase naming) {
                        fields.remove(naming.translate(component.getName()));
                    }
                }
            }
        }
        return data;
    }

    private static String text(LoggedEvent event, String key) {
        Object value = event.metadata().get(key);
        return value == null ? null : value.toString();
    }
}
