package org.vas.registry.model.event;

import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;

/** A model came into existence, disabled. */
@Revision("1")
public record ModelRegistered(ModelId modelId, String name, String description, List<String> supportedTasks,
                              Map<String, String> tags) implements ModelEvent {
}
