package org.vas.registry.access.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.vas.registry.access.event.ApiKeyIssued;
import org.vas.registry.access.event.ApiKeyRevoked;

/** One API key's life, in the same append-only log as the models, so issuing and revoking are audited. */
@Aggregate
class ApiKeyAggregate {

    @AggregateIdentifier
    private String keyId;
    private boolean revoked;

    protected ApiKeyAggregate() {
        // For Axon, which rebuilds the aggregate from its events.
    }

    @CommandHandler
    ApiKeyAggregate(IssueApiKey command) {
        apply(new ApiKeyIssued(command.keyId(), command.name(), command.roles(), command.keyHash(),
                command.expiresAt(), command.hashScheme()));
    }

    @CommandHandler
    void handle(RevokeApiKey command) {
        if (!revoked) {
            apply(new ApiKeyRevoked(keyId));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
