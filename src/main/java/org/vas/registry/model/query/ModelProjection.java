package org.vas.registry.model.query;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.axon.EventPositions;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;

/**
 * Builds the read model from the event log: the model's stored state, evolved by the event, stored again. It runs
 * in the appending transaction (a subscribing processor), so a command's answer implies that every later read
 * sees it. An event at or below the stored revision has been applied already, as a replay finds, and changes
 * nothing.
 */
@Component
@ProcessingGroup(ModelProjection.NAME)
public class ModelProjection {

    public static final String NAME = "model-projection";

    private final ModelRows rows;
    private final EventPositions positions;

    ModelProjection(ModelRows rows, EventPositions positions) {
        this.rows = rows;
        this.positions = positions;
    }

    @EventHandler
    void on(ModelEvent event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        long position = positions.of(message);
        Optional<PositionedModel> stored = rows.loadBefore(event.modelId(), revision);
        ModelState before = stored.map(PositionedModel::state).orElse(null);
        if (before == null || before.revision() < revision) {
            rows.store(before, new PositionedModel(ModelState.evolve(before, event, revision, at), position));
        }
        // Every event moves the read model's version (the list's ETag) and position.
        positions.changed(position);
    }
}
