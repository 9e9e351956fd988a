package org.vas.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An event as auditors and feed consumers read it: where it sits in the log, what happened, when, who did it,
 * why, and in which request. {@code model_id} is null for events about API keys; their data names the key.
 */
public record EventView(long position, @Schema(nullable = true) String modelId, long revision, String type,
                        Instant occurredAt, @Schema(nullable = true) String actor,
                        @Schema(nullable = true) String reason,
                        @Schema(nullable = true) String correlationId, @Schema(nullable = true) String causationId,
                        @Schema(implementation = JsonNode.class) Object data) {

    /**
     * The one place events are rendered for output. Their data is the event itself, written by the API's mapper,
     * which leaves key material out of events of every revision (infrastructure.web's KeyMaterialOmitted).
     */
    public static EventView of(LoggedEvent event) {
        return new EventView(event.position(), event.isModelEvent() ? event.modelId() : null, event.revision(),
                event.type(), event.occurredAt(),
                text(event, "actor"), text(event, "reason"), text(event, "correlation_id"),
                text(event, "causation_id"), event.event());
    }

    private static String text(LoggedEvent event, String key) {
        Object value = event.metadata().get(key);
        return value == null ? null : value.toString();
    }
}
