package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A JSON string or key that {@link WellFormedText} refuses; {@code field} is where it is, never its content. */
public final class IllFormedTextException extends JsonParseException {

    private final String field;

    IllFormedTextException(JsonParser parser, String field) {
        super(parser, (field.isEmpty() ? "The request" : "Field '" + field + "'") + " holds text that cannot be "
                + "stored: " + WellFormedText.rule());
        this.field = field.isEmpty() ? null : field;
    }

    String field() {
        return field;
    }
}
