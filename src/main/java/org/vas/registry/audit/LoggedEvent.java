package org.vas.registry.audit;

import java.time.Instant;
import java.util.Map;
import org.vas.registry.model.event.ModelEvent;

/**
 * One event as the log holds it: its global position, its stream (a model's id, or an API key's) and revision
 * in it, when it happened, who caused it and why (the metadata), and the event itself, upcast to its current
 * shape: a {@link ModelEvent} or an access event.
 */
public record LoggedEvent(long position, String modelId, long revision, Instant occurredAt,
                          Map<String, Object> metadata, Object event) {

    public boolean isModelEvent() {
        return event instanceof ModelEvent;
    }

    public String type() {
        return event.getClass().getSimpleName();
    }
}
