package org.vas.registry.model.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.vas.registry.infrastructure.db.TimestampRange;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;

/**
 * A keyset position in the newest-first list: the last model a page showed. Opaque to clients, so its encoding
 * may change; only its round trip is promised. What "after the cursor" means is written here twice, side by side:
 * in memory and as the read model's keyset condition.
 */
public record PageCursor(Instant createdAt, String modelId) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + modelId).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            Instant createdAt = Instant.parse(text.substring(0, bar));
            if (!TimestampRange.holds(createdAt)) {
                throw new IllegalArgumentException("no model was created then");
            }
            return new PageCursor(createdAt, ModelId.of(text.substring(bar + 1)).value());
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException
                 | InvalidInputException e) {
            throw new InvalidInputException("INVALID_CURSOR", "cursor", "cursor is not one this registry issued");
        }
    }

    /** Whether a model comes after the cursor in newest-first order; the same order as {@link #sql}. */
    public boolean precedes(ModelView model) {
        int byTime = model.createdAt().compareTo(createdAt);
        return byTime < 0 || byTime == 0 && model.modelId().compareTo(modelId) < 0;
    }

    /** The keyset condition on the read model's {@code model m}. */
    String sql(MapSqlParameterSource params) {
        params.addValue("cursorAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        params.addValue("cursorId", modelId);
        return "(m.created_at, m.model_id) < (:cursorAt, :cursorId)";
    }
}
