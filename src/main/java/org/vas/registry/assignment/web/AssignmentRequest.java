package org.vas.registry.assignment.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.vas.registry.assignment.Assignment;
import org.vas.registry.kernel.InvalidInputException;

/**
 * The platform's assignment body as the assignment API received it, plus {@code model_version}. A body that
 * cannot be read as an assignment (no model, no camera, wrong types) is a 400; everything else is validated.
 */
record AssignmentRequest(UUID cameraId, String modelId, Boolean enabled, Integer desiredFps, Integer priority,
                         JsonNode parameters, String modelVersion) {

    Assignment toAssignment(String path) {
        if (modelId == null) {
            throw new InvalidInputException("MISSING_FIELD", path + "model_id", "model_id is required");
        }
        if (cameraId == null) {
            throw new InvalidInputException("MISSING_FIELD", path + "camera_id", "camera_id is required");
        }
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw new InvalidInputException("INVALID_TYPE", path + "parameters", "parameters must be an object");
        }
        return new Assignment(cameraId, modelId, enabled, desiredFps, priority,
                parameters == null || parameters.isNull() ? null : parameters, modelVersion);
    }
}
