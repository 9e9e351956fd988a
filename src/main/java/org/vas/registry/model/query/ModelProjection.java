package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.axon.EventPositions;
import org.vas.registry.model.VersionNumber;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;

/**
 * Builds the read model from the event log. It runs in the appending transaction (a subscribing processor), so
 * a command's answer implies that every later read sees it. Each update is guarded by the model's revision, so
 * applying an event twice, as a replay does, changes nothing the second time.
 */
@Component
@ProcessingGroup(ModelProjection.NAME)
public class ModelProjection {

    public static final String NAME = "model-projection";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventPositions positions;

    ModelProjection(JdbcTemplate jdbc, ObjectMapper json, EventPositions positions) {
        this.jdbc = jdbc;
        this.json = json;
        this.positions = positions;
    }

    @EventHandler
    void on(ModelRegistered event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        long position = positions.of(message);
        jdbc.update("""
                INSERT INTO model (model_id, name, description, supported_tasks, tags, enabled, retired, revision,
                                   position, created_at, updated_at)
                VALUES (?, ?, NULLIF(?, ''), ?, ?::jsonb, FALSE, FALSE, ?, ?, ?, ?)
                ON CONFLICT (model_id) DO NOTHING""",
                event.modelId().value(), event.name(), event.description(), textArray(event.supportedTasks()),
                write(event.tags()), revision, position, utc(at), utc(at));
        changed(position);
    }

    @EventHandler
    void on(ModelMetadataUpdated event, @SequenceNumber long revision, @Timestamp Instant at,
            EventMessage<?> message) {
        long position = positions.of(message);
        jdbc.update("""
                UPDATE model SET name = COALESCE(?, name),
                                 description = CASE WHEN ?::text IS NULL THEN description ELSE NULLIF(?, '') END,
                                 supported_tasks = COALESCE(?::text[], supported_tasks),
                                 tags = COALESCE(?::jsonb, tags),
                                 revision = ?, position = ?, updated_at = ?
                WHERE model_id = ? AND revision < ?""",
                event.name(), event.description(), event.description(),
                event.supportedTasks() == null ? null : textArray(event.supportedTasks()),
                event.tags() == null ? null : write(event.tags()),
                revision, position, utc(at), event.modelId().value(), revision);
        changed(position);
    }

    @EventHandler
    void on(ModelVersionAdded event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        long position = positions.of(message);
        if (touch(event.modelId().value(), revision, position, at)) {
            jdbc.update("""
                    INSERT INTO model_version (model_id, version, enabled, config_schema, performance, input,
                                               output, hardware, limits, capabilities, created_at, updated_at)
                    VALUES (?, ?, TRUE, ?::json, ?::json, ?::json, ?::json, ?::json, ?::json, ?::json, ?, ?)""",
                    event.modelId().value(), event.version().value(), write(event.configSchema()),
                    write(event.performance()), write(event.input()), write(event.output()), write(event.hardware()),
                    write(event.limits()), write(event.capabilities()), utc(at), utc(at));
            refreshDefaultVersion(event.modelId().value());
        }
        changed(position);
    }

    @EventHandler
    void on(ModelEnabled event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        setModelStatus(event.modelId().value(), true, null, revision, at, positions.of(message));
    }

    @EventHandler
    void on(ModelDisabled event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        setModelStatus(event.modelId().value(), false, event.reason(), revision, at, positions.of(message));
    }

    @EventHandler
    void on(ModelVersionEnabled event, @SequenceNumber long revision, @Timestamp Instant at,
            EventMessage<?> message) {
        setVersionStatus(event.modelId().value(), event.version(), true, null, revision, at, positions.of(message));
    }

    @EventHandler
    void on(ModelVersionDisabled event, @SequenceNumber long revision, @Timestamp Instant at,
            EventMessage<?> message) {
        setVersionStatus(event.modelId().value(), event.version(), false, event.reason(), revision, at,
                positions.of(message));
    }

    @EventHandler
    void on(ModelRetired event, @SequenceNumber long revision, @Timestamp Instant at, EventMessage<?> message) {
        long position = positions.of(message);
        jdbc.update("""
                UPDATE model SET retired = TRUE, enabled = FALSE, status_reason = ?, revision = ?, position = ?,
                                 updated_at = ?
                WHERE model_id = ? AND revision < ?""",
                event.reason(), revision, position, utc(at), event.modelId().value(), revision);
        changed(position);
    }

    private void setModelStatus(String modelId, boolean enabled, String reason, long revision, Instant at,
                                long position) {
        jdbc.update("""
                UPDATE model SET enabled = ?, status_reason = ?, revision = ?, position = ?, updated_at = ?
                WHERE model_id = ? AND revision < ?""",
                enabled, reason, revision, position, utc(at), modelId, revision);
        changed(position);
    }

    private void setVersionStatus(String modelId, VersionNumber number, boolean enabled, String reason,
                                  long revision, Instant at, long position) {
        if (touch(modelId, revision, position, at)) {
            jdbc.update("""
                    UPDATE model_version SET enabled = ?, status_reason = ?, updated_at = ?
                    WHERE model_id = ? AND version = ?""",
                    enabled, reason, utc(at), modelId, number.value());
            refreshDefaultVersion(modelId);
        }
        changed(position);
    }

    /** Moves the model to this revision; false when it is already there (a replayed event). */
    private boolean touch(String modelId, long revision, long position, Instant at) {
        return jdbc.update("UPDATE model SET revision = ?, position = ?, updated_at = ? "
                + "WHERE model_id = ? AND revision < ?", revision, position, utc(at), modelId, revision) == 1;
    }

    private void refreshDefaultVersion(String modelId) {
        List<VersionNumber> enabled = jdbc.queryForList(
                        "SELECT version FROM model_version WHERE model_id = ? AND enabled", String.class, modelId)
                .stream().map(VersionNumber::new).toList();
        String preferred = VersionNumber.preferred(enabled).map(VersionNumber::value).orElse(null);
        jdbc.update("UPDATE model SET default_version = ? WHERE model_id = ?", preferred, modelId);
    }

    /** Every event moves the read model's version (the list's ETag) and position. */
    private void changed(long position) {
        positions.changed(position);
    }

    private static String[] textArray(List<String> values) {
        return values.toArray(String[]::new);
    }

    /** The event store keeps milliseconds; a replay must write exactly what the live projection wrote. */
    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private String write(Object value) {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
