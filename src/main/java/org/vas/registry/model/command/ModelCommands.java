package org.vas.registry.model.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;
import org.vas.registry.model.ModelNotFoundException;

/**
 * Sends a model command and waits for it. Axon reports a missing stream or a second stream for the same id in its
 * own terms; here, where the command's model is known, they become the model's refusals.
 */
@Component
public class ModelCommands {

    private final CommandGateway gateway;

    ModelCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(ModelCommand command) {
        try {
            return gateway.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new ModelNotFoundException(command.modelId());
        } catch (AggregateStreamCreationException e) {
            throw new ModelAlreadyExistsException(command.modelId());
        }
    }
}
