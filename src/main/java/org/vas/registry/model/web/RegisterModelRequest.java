package org.vas.registry.model.web;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/ai-models}. */
record RegisterModelRequest(String modelId, String name, String description, List<String> supportedTasks,
                            Map<String, String> tags) {
}
