package org.vas.registry.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.axon.TrackedPositions;
import org.vas.registry.model.query.ModelProjection;

/** What each projection has applied of the log, and how far it is behind. */
@Component
public class ProjectionStatus {

    /** One projection's progress through the log. */
    public record Status(String name, @Schema(allowableValues = {"subscribing", "tracking"}) String mode,
                         long position, long head, long lag) {
    }

    private final LogPosition positions;
    private final TrackedPositions tracked;

    ProjectionStatus(LogPosition positions, TrackedPositions tracked) {
        this.positions = positions;
        this.tracked = tracked;
    }

    public List<Status> status() {
        LogPosition.Snapshot now = positions.read();
        long activity = tracked.of(AuditActivityProjection.NAME);
        return List.of(new Status(ModelProjection.NAME, "subscribing", now.projected(), now.head(), now.lag()),
                new Status(AuditActivityProjection.NAME, "tracking", activity, now.head(),
                        Math.max(0, now.head() - activity)));
    }
}
