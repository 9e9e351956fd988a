package org.vas.registry.model.command;

import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;

/** Register a new model under an id that has never been used. It starts disabled. */
public record RegisterModel(@TargetAggregateIdentifier ModelId modelId, String name, String description,
                            List<String> supportedTasks, Map<String, String> tags) implements ModelCommand {

    public RegisterModel {
        if (modelId == null) {
            throw new InvalidInputException("INVALID_MODEL_ID", "model_id",
                    "model_id is required");
        }
        name = Fields.name(name);
        description = Fields.description(description);
        supportedTasks = Fields.tasks(supportedTasks);
        tags = Fields.tags(tags);
    }

    @Override
    public Long expectedRevision() {
        return null;
    }
}
