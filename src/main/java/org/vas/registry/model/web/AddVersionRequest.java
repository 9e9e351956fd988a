package org.vas.registry.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.vas.registry.model.Performance;

/** The body of {@code POST /api/v1/ai-models/{model_id}/versions}: a version's declarative contract. */
record AddVersionRequest(String version, JsonNode configSchema, Performance performance, JsonNode input,
                         JsonNode output, JsonNode hardware, JsonNode limits, JsonNode capabilities) {
}
