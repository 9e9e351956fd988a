package org.vas.registry.model.event.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vas.registry.model.event.ModelDisabled;

/**
 * {@code ModelDisabled} before revision 1 (no {@code @Revision}, as events imported from the platform's earlier
 * audit trail are written) carried no reason. Such events read as revision 1 with the reason
 * {@value #UNSPECIFIED}: disabling has needed a reason ever since, and a blank one would be indistinguishable from
 * a lost field.
 */
@Component
@Order(0)
class ModelDisabledReasonUpcaster extends SingleEventUpcaster {

    static final String UNSPECIFIED = "unspecified";
    private static final String TYPE = ModelDisabled.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "1"), JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (!event.hasNonNull("reason")) {
                event.put("reason", UNSPECIFIED);
            }
            return event;
        });
    }
}
