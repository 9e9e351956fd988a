package org.vas.registry.model.command;

import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.query.ModelRows;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;

/**
 * Loads a model from the state the read model stores for it instead of replaying its events. The projection
 * writes that state in the transaction that appends each event, with the same fold, so the stored row at revision
 * N is the fold of the model's events 0..N: it is the snapshot every model already has, kept current by every
 * command, where Axon's snapshots are taken every so many events and then leave up to that many to replay and
 * deserialize per command.
 *
 * <p>The log stays the judge: the events after the stored revision are still read and applied (those another
 * instance committed after the row was read), and an append decided on a state another instance has since moved
 * past fails on the stream's unique sequence number, as it did with replayed aggregates.
 */
@Component(ModelRepository.NAME)
class ModelRepository extends EventSourcingRepository<ModelAggregate> {

    static final String NAME = "modelRepository";
    private static final String TYPE = ModelAggregate.class.getSimpleName();

    private final EventStore events;
    private final ModelRows rows;

    ModelRepository(EventStore events, ModelRows rows, Configuration axon) {
        super(EventSourcingRepository.builder(ModelAggregate.class)
                .eventStore(events)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(ModelAggregate.class)));
        this.events = events;
        this.rows = rows;
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        Optional<PositionedModel> stored = rows.load(ModelId.of(aggregateIdentifier));
        if (stored.isEmpty()) {
            return super.readEvents(aggregateIdentifier);
        }
        ModelState state = stored.get().state();
        DomainEventMessage<ModelAggregate> snapshot = new GenericDomainEventMessage<>(TYPE, aggregateIdentifier,
                state.revision(), new ModelAggregate(state));
        return DomainEventStream.concat(DomainEventStream.of(snapshot),
                events.readEvents(aggregateIdentifier, state.revision() + 1));
    }
}
