package org.vas.registry.model.query;

import java.util.List;
import org.vas.registry.kernel.InvalidInputException;

/**
 * Which models a list asks for. {@code tags} holds {@code key} (the tag is present) or {@code key:value}
 * (the tag has that value); all must match.
 */
public record ModelFilter(Boolean enabled, String task, String text, List<String> tags, boolean includeRetired) {

    private static final int TEXT_MAX = 200;

    public ModelFilter {
        if (text != null && text.length() > TEXT_MAX) {
            throw new InvalidInputException("INVALID_QUERY", "q", "q must be at most " + TEXT_MAX + " characters");
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        for (String tag : tags) {
            if (tag.isBlank() || tag.length() > 400) {
                throw new InvalidInputException("INVALID_QUERY", "tag", "tag must be key or key:value");
            }
        }
    }
}
