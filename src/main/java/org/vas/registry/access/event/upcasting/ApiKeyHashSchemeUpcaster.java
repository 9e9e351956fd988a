package org.vas.registry.access.event.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vas.registry.access.event.ApiKeyIssued;

/** {@code ApiKeyIssued} revision 1 stored every key as a plain SHA-256: revision 2 says so in {@code hash_scheme}. */
@Component
@Order(0)
class ApiKeyHashSchemeUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ApiKeyIssued.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ((ObjectNode) payload).put("hash_scheme", ApiKeyIssued.UNKEYED);
            return payload;
        });
    }
}
