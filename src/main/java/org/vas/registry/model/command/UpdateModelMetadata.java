package org.vas.registry.model.command;

import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.ModelId;

/**
 * Change a model's descriptive metadata. A null field is left as it is; an empty description clears it.
 * {@code tagChanges} is merged into the current tags, a null value removing its key; with {@code replaceTags}
 * it replaces them instead.
 */
public record UpdateModelMetadata(@TargetAggregateIdentifier ModelId modelId, String name, String description,
                                  List<String> supportedTasks, Map<String, String> tagChanges,
                                  boolean replaceTags, Long expectedRevision) implements ModelCommand {

    public UpdateModelMetadata {
        name = name == null ? null : Fields.name(name);
        description = Fields.description(description);
        supportedTasks = supportedTasks == null ? null : Fields.tasks(supportedTasks);
        tagChanges = Fields.tagChanges(tagChanges);
        expectedRevision = Fields.revision(expectedRevision);
    }
}
