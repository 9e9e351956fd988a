package org.vas.registry.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A camera-to-model assignment as the platform's assignment API receives it, plus an optional
 * {@code model_version}. Only its shape has been checked; everything else is validation's to judge.
 */
public record Assignment(UUID cameraId, String modelId, Boolean enabled, Integer desiredFps, Integer priority,
                         JsonNode parameters, String modelVersion) {
}
