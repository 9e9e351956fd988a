package org.vas.registry.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.audit.AuditActivityProjection;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.ModelNotFoundException;

/** Who last changed a model and why, from the tracking projection; it may trail the latest command briefly. */
@RestController
class ActivityController {

    private final AuditActivityProjection activity;

    ActivityController(AuditActivityProjection activity) {
        this.activity = activity;
    }

    @GetMapping(path = "/api/v1/ai-models/{modelId}/activity", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getActivity", tags = "Audit", summary = "Who last changed a model", description = """
            The model's last event, its actor and reason, its time and the model's event count, from the \
            audit-activity tracking projection, which follows the log shortly behind the commands.""")
    @ApiResponse(responseCode = "200", description = "The activity", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    AuditActivityProjection.Activity activity(@Parameter(ref = "modelId") @PathVariable String modelId) {
        ModelId id = ModelId.of(modelId);
        return activity.of(id.value()).orElseThrow(() -> new ModelNotFoundException(id));
    }
}
