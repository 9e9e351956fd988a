package org.vas.registry.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.model.event.ModelEvent;

/**
 * Per model: the last change, who made it and why, and how many events the model has. Unlike the read model it
 * runs in a tracking processor, behind the commands, in segments that the registry's instances share through the
 * token table; so it must stand an event delivered twice, and does, by position.
 */
@Component
@ProcessingGroup(AuditActivityProjection.NAME)
public class AuditActivityProjection {

    public static final String NAME = "audit-activity";

    /** One model's activity, as of log position {@code position}. */
    public record Activity(String modelId, String lastEventType, @Schema(nullable = true) String lastActor,
                           @Schema(nullable = true) String lastReason, Instant lastChangedAt, long eventCount,
                           long position) {
    }

    private final JdbcTemplate jdbc;

    AuditActivityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ModelEvent event, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue("actor") String actor, @MetaDataValue("reason") String reason) {
        long position = token.position().orElseThrow(() -> new IllegalStateException(
                "audit-activity needs positioned tracking tokens, got " + token));
        jdbc.update("""
                INSERT INTO audit_activity (model_id, last_event_type, last_actor, last_reason, last_changed_at,
                                            event_count, position)
                VALUES (?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (model_id) DO UPDATE SET last_event_type = EXCLUDED.last_event_type,
                    last_actor = EXCLUDED.last_actor, last_reason = EXCLUDED.last_reason,
                    last_changed_at = EXCLUDED.last_changed_at, event_count = audit_activity.event_count + 1,
                    position = EXCLUDED.position
                WHERE audit_activity.position < EXCLUDED.position""",
                event.modelId().value(), event.getClass().getSimpleName(), actor, reason,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), position);
    }

    public Optional<Activity> of(String modelId) {
        return jdbc.query("""
                SELECT model_id, last_event_type, last_actor, last_reason, last_changed_at, event_count, position
                FROM audit_activity WHERE model_id = ?""", (row, i) -> new Activity(row.getString(1),
                row.getString(2), row.getString(3), row.getString(4),
                row.getObject(5, OffsetDateTime.class).toInstant(), row.getLong(6), row.getLong(7)), modelId)
                .stream().findFirst();
    }
}
