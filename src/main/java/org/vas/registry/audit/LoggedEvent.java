package org.vas.registry.audit;

import java.time.Instant;
import java.util.Map;
import org.vas.registry.model.event.ModelEvent;

/**
 * One event as the log holds it: its global position, its model and revision, when it happened, who caused it
 * and why (the metadata), and the event itself, upcast to its current shape.
 */
public record LoggedEvent(long position, String modelId, long revision, Instant occurredAt,
                          Map<String, Object> metadata, ModelEvent event) {

    public String type() {
        return event.getClass().getSimpleName();
    }
}
