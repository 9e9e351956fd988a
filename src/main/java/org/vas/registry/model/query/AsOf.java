package org.vas.registry.model.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.vas.registry.infrastructure.db.TimestampRange;
import org.vas.registry.kernel.InvalidInputException;

/**
 * A point in the log's past: an RFC 3339 instant (every event that occurred at or before it) or a log position
 * (every event at or below it).
 */
public record AsOf(Instant instant, Long position) {

    public static AsOf parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.chars().allMatch(Character::isDigit) && value.length() <= 18) {
                return new AsOf(null, Long.parseLong(value));
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!TimestampRange.holds(instant)) {
                throw new InvalidInputException("INVALID_AS_OF", "as_of", "as_of must be an instant from "
                        + TimestampRange.MIN + " to " + TimestampRange.MAX + ", or a log position");
            }
            return new AsOf(instant, null);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException("INVALID_AS_OF", "as_of",
                    "as_of must be an RFC 3339 instant (2026-01-31T12:00:00Z) or a log position");
        }
    }
}
