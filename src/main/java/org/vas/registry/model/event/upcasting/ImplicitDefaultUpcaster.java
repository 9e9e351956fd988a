package org.vas.registry.model.event.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;

/**
 * Before defaults were explicit, a model's default was whatever the highest enabled release was, so adding,
 * enabling or disabling a version could move it. Those events, at revision 1 (or without a revision, as events
 * imported from the platform's earlier audit trail are written), read as revision 2 marked
 * {@code implicit_default}: the fold moves the default for them exactly as the old rule did, and a model's history
 * and time travel stay as they were. Events written since never move the default by themselves.
 */
@Component
@Order(1)
class ImplicitDefaultUpcaster extends SingleEventUpcaster {

    static final String REVISION = "2";
    private static final Set<String> TYPES = Stream.of(ModelVersionAdded.class, ModelVersionEnabled.class,
            ModelVersionDisabled.class).map(Class::getName).collect(Collectors.toUnmodifiableSet());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPES.contains(representation.getType().getName()) && (revision == null || revision.equals("1"));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), REVISION),
                JsonNode.class, payload -> ((ObjectNode) payload).put("implicit_default", true));
    }
}
