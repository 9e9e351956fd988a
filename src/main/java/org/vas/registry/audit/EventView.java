package org.vas.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * An event as auditors and feed consumers read it: where it sits in the log, what happened, when, who did it,
 * why, and in which request. {@code model_id} is null for events about API keys; their data names the key.
 */
public record EventView(long position, String modelId, long revision, String type, Instant occurredAt,
                        String actor, String reason, String correlationId, String causationId, JsonNode data) {

    public static EventView of(LoggedEvent event, ObjectMapper json) {
        return new EventView(event.position(), event.isModelEvent() ? event.modelId() : null, event.revision(),
                event.type(), event.occurredAt(),
                text(event, "actor"), text(event, "reason"), text(event, "correlation_id"),
                text(event, "causation_id"), json.valueToTree(event.event()));
    }

    private static String text(LoggedEvent event, String key) {
        Object value = event.metadata().get(key);
        return value == null ? null : value.toString();
    }
}
