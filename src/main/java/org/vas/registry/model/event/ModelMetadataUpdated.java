package org.vas.registry.model.event;

import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.ModelId;

/**
 * Metadata changed. Only the fields that changed are present; the others are null. An empty description means
 * the description was cleared.
 */
@Revision("1")
public record ModelMetadataUpdated(ModelId modelId, String name, String description, List<String> supportedTasks,
                                   Map<String, String> tags) implements ModelEvent {
}
