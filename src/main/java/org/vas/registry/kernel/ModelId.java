package org.vas.registry.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A model's identifier, as the platform spells it ({@code geo_fencing}, {@code fall-detection}). The platform's
 * column holds 128 characters.
 */
public record ModelId(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,127}$");

    public ModelId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInputException("INVALID_MODEL_ID", "model_id",
                    "model_id must match " + FORMAT.pattern());
        }
    }

    @JsonCreator
    public static ModelId of(String value) {
        return new ModelId(value);
    }

    /** Axon uses {@code toString()} of a target identifier as the aggregate's stream id. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
