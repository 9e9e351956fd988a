package org.vas.registry.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.audit.EventLog;
import org.vas.registry.audit.EventView;
import org.vas.registry.audit.LoggedEvent;
import org.vas.registry.audit.ProjectionStatus;
import org.vas.registry.audit.ReadModelRebuild;
import org.vas.registry.audit.ReadModelVerifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;

/** The auditors' side: the global change feed, projection status, rebuild and verification. */
@RestController
class AuditController {

    private final EventLog log;
    private final ProjectionStatus projections;
    private final ReadModelRebuild rebuild;
    private final ReadModelVerifier verifier;

    AuditController(EventLog log, ProjectionStatus projections, ReadModelRebuild rebuild,
                    ReadModelVerifier verifier) {
        this.log = log;
        this.projections = projections;
        this.rebuild = rebuild;
        this.verifier = verifier;
    }

    /**
     * The change feed, oldest first. Appends are serialized, so a consumer that polls with the last position it
     * saw never misses an event, including one whose transaction committed late.
     */
    @GetMapping(path = "/api/v1/registry/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listEvents", tags = "Audit", summary = "The change feed", description = """
            Every event of the registry after a log position, oldest first, optionally of some types (type, \
            repeatable) or one model (model_id). Appends are serialized, so polling with next_after never misses \
            an event, even one whose transaction committed late.""")
    @ApiResponse(responseCode = "200", description = "A page of events", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    FeedResponse events(@Parameter(description = "The last position seen; 0 for the start", example = "0")
                        @RequestParam(defaultValue = "0") long after,
                        @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
                        @RequestParam(defaultValue = "100") int limit,
                        @Parameter(description = "Only events of these types; repeatable")
                        @RequestParam(name = "type", required = false) List<String> types,
                        @RequestParam(name = "model_id", required = false) String modelId) {
        if (after < 0) {
            throw new InvalidInputException("INVALID_POSITION", "after", "after must be a position, 0 or more");
        }
        EventLog.checkPageLimit(limit);
        long head = log.head();
        List<LoggedEvent> events = log.after(after, limit, types,
                modelId == null ? null : ModelId.of(modelId).value());
        long next = events.isEmpty() ? after : events.get(events.size() - 1).position();
        return new FeedResponse(events.stream().map(EventView::of).toList(), next, head);
    }

    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listProjections", tags = "Audit", summary = "Projection status",
            description = "Each projection's log position, the log's head and the lag between them.")
    @ApiResponse(responseCode = "200", description = "The projections", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    ProjectionsResponse projections() {
        return new ProjectionsResponse(projections.status(), log.head());
    }

    @PostMapping(path = "/api/v1/admin/projections/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "rebuildProjection", tags = "Audit", summary = "Rebuild a projection", description = """
            Replays the whole log into fresh staging tables, then swaps them in atomically: readers never see a \
            half-built read model, and commands keep working (they wait only for the swap).""")
    @ApiResponse(responseCode = "200", description = "What the rebuild did", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    ReadModelRebuild.RebuildReport rebuild(@Parameter(description = "The projection", example = "model-projection")
                                          @PathVariable String name) {
        return rebuild.rebuild(name);
    }

    @GetMapping(path = "/api/v1/admin/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "verify", tags = "Audit", summary = "Verify the read model, or the log", description = """
            Rebuilds the registry from the log in memory and compares it, field by field, with the read model. \
            With log=true, recomputes the log's hash chain instead and names the first position that breaks it: \
            an event changed, removed or inserted behind the registry's back.""")
    @Parameter(name = "log", in = ParameterIn.QUERY, description = "true: verify the log's hash chain instead",
            schema = @Schema(type = "boolean", defaultValue = "false"))
    @ApiResponse(responseCode = "200", description = "Whether they agree, and every difference; with log=true, "
            + "whether the chain is intact", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    ReadModelVerifier.Report verify() {
        return verifier.verify();
    }
}
