package org.vas.registry.infrastructure.axon;

import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far a tracking processor has come, read from Axon's shared token table: another instance may own some of
 * its segments, so the processor's own status in this one would not tell. Tokens are read back with the
 * serializer the token store wrote them with.
 */
@Component
public class TrackedPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    TrackedPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The position every segment of the processor has passed; 0 before it has stored a token. */
    public long of(String processor) {
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> position(rs.getBytes("token"), rs.getString("token_type")), processor);
        return positions.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private long position(byte[] token, String type) {
        if (token == null) {
            return 0;
        }
        try {
            TrackingToken tracking = serializer.deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, type, null));
            return tracking == null ? 0 : tracking.position().orElse(0);
        } catch (SerializationException e) {
            return 0;
        }
    }
}
