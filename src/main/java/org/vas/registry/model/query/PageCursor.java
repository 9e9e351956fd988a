package org.vas.registry.model.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.vas.registry.infrastructure.db.TimestampRange;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;

/**
 * A keyset position in the newest-first list: the last model a page showed. Opaque to clients, so its encoding
 * may change; only its round trip is promised.
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
}
