package org.vas.registry.audit.web;

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
    AuditActivityProjection.Activity activity(@PathVariable String modelId) {
        ModelId id = ModelId.of(modelId);
        return activity.of(id.value()).orElseThrow(() -> new ModelNotFoundException(id));
    }
}
