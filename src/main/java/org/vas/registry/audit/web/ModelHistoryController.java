package org.vas.registry.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.audit.EventLog;
import org.vas.registry.audit.EventView;
import org.vas.registry.audit.LoggedEvent;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.ModelNotFoundException;

/** {@code GET /api/v1/ai-models/{modelId}/history}: one model's own events, read from the log. */
@RestController
class ModelHistoryController {

    private final EventLog log;

    ModelHistoryController(EventLog log) {
        this.log = log;
    }

    @GetMapping(path = "/api/v1/ai-models/{modelId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getHistory", tags = "Models", summary = "A model's history", description = """
            The model's events in order, each with its log position, revision, time, actor, reason and \
            correlation id; paged by after_revision (next_after_revision) and limit.""")
    @ApiResponse(responseCode = "200", description = "The events", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    HistoryResponse history(@Parameter(ref = "modelId") @PathVariable String modelId,
                            @Parameter(description = "The last revision seen; -1 for the start", example = "-1")
                            @RequestParam(name = "after_revision", defaultValue = "-1") long afterRevision,
                            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
                            @RequestParam(defaultValue = "1000") int limit) {
        ModelId id = ModelId.of(modelId);
        EventLog.checkPageLimit(limit);
        List<LoggedEvent> events = log.ofModel(id.value(), afterRevision, limit + 1);
        if (events.isEmpty() && log.ofModel(id.value(), -1, 1).isEmpty()) {
            throw new ModelNotFoundException(id);
        }
        Long next = null;
        if (events.size() > limit) {
            events = events.subList(0, limit);
            next = events.get(limit - 1).revision();
        }
        return new HistoryResponse(id.value(), events.stream().map(EventView::of).toList(), next);
    }
}
