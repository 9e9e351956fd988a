package org.vas.registry.model.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.VersionContent;

/** The rules for the plain fields that commands carry, in one place so that every command applies the same. */
final class Fields {

    static final int NAME_MAX = 200;
    static final int DESCRIPTION_MAX = 4000;
    static final int REASON_MAX = 1000;
    static final int TASKS_MAX = 50;
    static final int TAGS_MAX = 50;
    static final int TAG_VALUE_MAX = 256;
    private static final Pattern TASK = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");
    private static final Pattern ALIAS = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    private static final Pattern TAG_KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$");

    private Fields() {
    }

    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > NAME_MAX || hasControlCharacters(name)) {
            throw new InvalidInputException("INVALID_NAME", "name",
                    "name is required: 1 to " + NAME_MAX + " printable characters");
        }
        return name.strip();
    }

    /** Null stays null (no description); blank text is stored as no description. */
    static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > DESCRIPTION_MAX) {
            throw new InvalidInputException("INVALID_DESCRIPTION", "description",
                    "description must be at most " + DESCRIPTION_MAX + " characters");
        }
        return description.strip();
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("REASON_REQUIRED", "reason", "a reason is required");
        }
        if (reason.length() > REASON_MAX) {
            throw new InvalidInputException("INVALID_REASON", "reason",
                    "reason must be at most " + REASON_MAX + " characters");
        }
        return reason.strip();
    }

    /**
     * An alias's name. {@value ModelState#DEFAULT_ALIAS} names the default version, which only a promotion
     * moves.
     */
    static String alias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException("INVALID_ALIAS", "alias", "an alias must match " + ALIAS.pattern());
        }
        if (alias.equals(ModelState.DEFAULT_ALIAS)) {
            throw new InvalidInputException("INVALID_ALIAS", "alias", "'" + ModelState.DEFAULT_ALIAS
                    + "' is the default version's alias: promote a version to move it");
        }
        return alias;
    }

    /** Tasks keep their order and lose duplicates. */
    static List<String> tasks(List<String> tasks) {
        if (tasks == null) {
            return List.of();
        }
        if (tasks.size() > TASKS_MAX) {
            throw new InvalidInputException("INVALID_SUPPORTED_TASKS", "supported_tasks",
                    "at most " + TASKS_MAX + " supported tasks");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (task == null || !TASK.matcher(task).matches()) {
                throw new InvalidInputException("INVALID_SUPPORTED_TASKS", "supported_tasks[" + i + "]",
                        "a supported task must match " + TASK.pattern());
            }
            unique.add(task);
        }
        return List.copyOf(unique);
    }

    /** Tags are sorted by key so that equal tag sets compare and render equally. */
    static Map<String, String> tags(Map<String, String> tags) {
        if (tags == null) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        tags.forEach((key, value) -> {
            checkTagKey(key);
            if (value == null || value.length() > TAG_VALUE_MAX || hasControlCharacters(value)) {
                throw new InvalidInputException("INVALID_TAGS", "tags." + key,
                        "a tag value must be text of at most " + TAG_VALUE_MAX + " characters");
            }
            sorted.put(key, value);
        });
        checkTagCount(sorted.size());
        return Collections.unmodifiableMap(sorted);
    }

    /** A merge patch of tags: a null value removes the key. */
    static Map<String, String> tagChanges(Map<String, String> changes) {
        if (changes == null) {
            return null;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        changes.forEach((key, value) -> {
            checkTagKey(key);
            if (value != null && (value.length() > TAG_VALUE_MAX || hasControlCharacters(value))) {
                throw new InvalidInputException("INVALID_TAGS", "tags." + key,
                        "a tag value must be text of at most " + TAG_VALUE_MAX + " characters");
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    static void checkTagCount(int count) {
        if (count > TAGS_MAX) {
            throw new InvalidInputException("INVALID_TAGS", "tags", "at most " + TAGS_MAX + " tags");
        }
    }

    static JsonNode document(String field, JsonNode document) {
        JsonNode declared = VersionContent.declared(document);
        if (declared != null && !declared.isObject()) {
            throw new InvalidInputException("INVALID_" + field.toUpperCase(), field, field + " must be a JSON object");
        }
        return declared;
    }

    static Long revision(Long revision) {
        if (revision != null && revision < 0) {
            throw new InvalidInputException("INVALID_REVISION", "If-Match", "a revision is a non-negative number");
        }
        return revision;
    }

    private static void checkTagKey(String key) {
        if (key == null || !TAG_KEY.matcher(key).matches()) {
            throw new InvalidInputException("INVALID_TAGS", "tags", "a tag key must match " + TAG_KEY.pattern());
        }
    }

    private static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
    }
}
