package org.vas.registry.model.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.vas.registry.kernel.InvalidInputException;

/**
 * Which models a list asks for. {@code tags} holds {@code key} (the tag is present) or {@code key:value}
 * (the tag has that value); all must match. The filter says what matches twice, side by side, so the two cannot
 * drift apart: as SQL for the read model, and in memory for a list folded from the log ({@code as_of}).
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

    /**
     * Whether the filter asks nothing of a model but, perhaps, that it is not retired: then what passes it is known
     * from the log's registrations and retirements alone.
     */
    public boolean onlyRetirement() {
        return equals(new ModelFilter(null, null, null, List.of(), includeRetired));
    }

    /** Whether a model passes the filter; the same rules as {@link #sql}. */
    public boolean matches(ModelView model) {
        if (!includeRetired && model.retired()) {
            return false;
        }
        if (enabled != null && model.enabled() != enabled) {
            return false;
        }
        if (task != null && !model.supportedTasks().contains(task)) {
            return false;
        }
        if (text != null && !contains(model.name(), text) && !contains(model.description(), text)) {
            return false;
        }
        for (String tag : tags) {
            int colon = tag.indexOf(':');
            boolean present = colon < 0 ? model.tags().containsKey(tag)
                    : tag.substring(colon + 1).equals(model.tags().get(tag.substring(0, colon)));
            if (!present) {
                return false;
            }
        }
        return true;
    }

    /** The condition on the read model's {@code model m}; the same rules as {@link #matches}. */
    String sql(MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (!includeRetired) {
            conditions.add("NOT m.retired");
        }
        if (enabled != null) {
            params.addValue("enabled", enabled);
            conditions.add("m.enabled = :enabled");
        }
        if (task != null) {
            params.addValue("task", new String[] {task});
            conditions.add("m.supported_tasks @> :task::text[]");
        }
        if (text != null) {
            params.addValue("text", "%" + escapeLike(text) + "%");
            conditions.add("(m.name ILIKE :text OR m.description ILIKE :text)");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            int colon = tag.indexOf(':');
            if (colon < 0) {
                params.addValue("tagKey" + i, tag);
                conditions.add("jsonb_exists(m.tags, :tagKey" + i + ")");
            } else {
                params.addValue("tagKey" + i, tag.substring(0, colon));
                params.addValue("tagValue" + i, tag.substring(colon + 1));
                conditions.add("m.tags @> jsonb_build_object(:tagKey" + i + "::text, :tagValue" + i + "::text)");
            }
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
