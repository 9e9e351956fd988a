package org.vas.registry.model.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.vas.registry.model.ModelId;
import org.vas.registry.model.ModelNotFoundException;

/** Reads a model's history straight from the event log, never from the read model: the log is the record. */
@Component
public class ModelHistory {

    private final EventStore events;
    private final ObjectMapper json;

    ModelHistory(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** Every event of the model in order; reading from the first sequence number bypasses any snapshot. */
    public List<HistoryEntry> of(ModelId modelId) {
        List<? extends DomainEventMessage<?>> stream = events.readEvents(modelId.value(), 0).asStream().toList();
        if (stream.isEmpty()) {
            throw new ModelNotFoundException(modelId);
        }
        return stream.stream()
                .map(event -> new HistoryEntry(event.getPayloadType().getSimpleName(), event.getSequenceNumber(),
                        event.getTimestamp(), json.valueToTree(event.getPayload())))
                .toList();
    }
}
