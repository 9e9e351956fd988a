package org.vas.registry.audit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json;

    AuditController(EventLog log, ProjectionStatus projections, ReadModelRebuild rebuild,
                    ReadModelVerifier verifier, ObjectMapper json) {
        this.log = log;
        this.projections = projections;
        this.rebuild = rebuild;
        this.verifier = verifier;
        this.json = json;
    }

    /**
     * The change feed, oldest first. Appends are serialized, so a consumer that polls with the last position it
     * saw never misses an event, including one whose transaction committed late.
     */
    @GetMapping(path = "/api/v1/registry/events", produces = MediaType.APPLICATION_JSON_VALUE)
    FeedResponse events(@RequestParam(defaultValue = "0") long after,
                        @RequestParam(defaultValue = "100") int limit,
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
        return new FeedResponse(events.stream().map(e -> EventView.of(e, json)).toList(), next, head);
    }

    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> projections() {
        return Map.of("projections", projections.status(), "head", log.head());
    }

    @PostMapping(path = "/api/v1/admin/projections/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    ReadModelRebuild.RebuildReport rebuild(@PathVariable String name) {
        return rebuild.rebuild(name);
    }

    @GetMapping(path = "/api/v1/admin/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ReadModelVerifier.Report verify() {
        return verifier.verify();
    }
}
