package org.vas.registry.access.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.access.event.ApiKeyIssued;
import org.vas.registry.access.event.ApiKeyRevoked;
import org.vas.registry.infrastructure.axon.EventPositions;

/**
 * The {@code api_key} table, projected in the issuing or revoking transaction, so a revoked key is refused from
 * the very next request: a revocation is announced to every instance that remembers keys ({@link ApiKeyChanges}).
 * Like the model projection, it moves the read model's position.
 */
@Component
@ProcessingGroup(ApiKeyProjection.NAME)
class ApiKeyProjection {

    static final String NAME = "access-projection";

    private final JdbcTemplate jdbc;
    private final EventPositions positions;
    private final ApiKeyChanges changes;

    ApiKeyProjection(JdbcTemplate jdbc, EventPositions positions, ApiKeyChanges changes) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.changes = changes;
    }

    @EventHandler
    void on(ApiKeyIssued event, @Timestamp Instant at, @MetaDataValue("actor") String actor,
            EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO api_key (key_id, name, key_hash, hash_scheme, roles, created_at, created_by,
                                     expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING""",
                event.keyId(), event.name(), event.keyHash(), event.hashScheme(),
                event.roles().toArray(String[]::new), utc(at), actor,
                event.expiresAt() == null ? null : utc(event.expiresAt()));
        positions.reached(positions.of(message));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at, @MetaDataValue("actor") String actor,
            EventMessage<?> message) {
        jdbc.update("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL",
                utc(at), actor, event.keyId());
        changes.announce(jdbc);
        positions.reached(positions.of(message));
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
