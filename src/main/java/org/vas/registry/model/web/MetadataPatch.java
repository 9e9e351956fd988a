package org.vas.registry.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.command.UpdateModelMetadata;

/**
 * Reads a JSON merge patch (RFC 7396) of a model's metadata. An absent member is left alone and {@code null}
 * removes: a null description or task list clears it, null tags remove every tag, and within {@code tags} a null
 * value removes that tag. The name is required and cannot be removed.
 */
final class MetadataPatch {

    private static final Set<String> MEMBERS = Set.of("name", "description", "supported_tasks", "tags");

    private MetadataPatch() {
    }

    static UpdateModelMetadata toCommand(ModelId modelId, JsonNode patch, Long expectedRevision) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputException("INVALID_PATCH", null, "A merge patch must be a JSON object");
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new InvalidInputException("UNKNOWN_FIELD", name, "Unknown field '" + name + "'; "
                        + "the metadata members are " + MEMBERS);
            }
        }
        boolean replaceTags = patch.has("tags") && patch.get("tags").isNull();
        return new UpdateModelMetadata(modelId, name(patch), description(patch), tasks(patch),
                replaceTags ? Map.of() : tagChanges(patch), replaceTags, expectedRevision);
    }

    private static String name(JsonNode patch) {
        JsonNode name = patch.get("name");
        if (name == null) {
            return null;
        }
        if (!name.isTextual()) {
            throw wrongType("name", "a string; the name cannot be removed");
        }
        return name.textValue();
    }

    private static String description(JsonNode patch) {
        JsonNode description = patch.get("description");
        if (description == null) {
            return null;
        }
        if (description.isNull()) {
            return "";
        }
        if (!description.isTextual()) {
            throw wrongType("description", "a string or null");
        }
        return description.textValue();
    }

    private static List<String> tasks(JsonNode patch) {
        JsonNode tasks = patch.get("supported_tasks");
        if (tasks == null) {
            return null;
        }
        if (tasks.isNull()) {
            return List.of();
        }
        if (!tasks.isArray()) {
            throw wrongType("supported_tasks", "an array of strings or null");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode task : tasks) {
            if (!task.isTextual()) {
                throw wrongType("supported_tasks", "an array of strings or null");
            }
            values.add(task.textValue());
        }
        return values;
    }

    private static Map<String, String> tagChanges(JsonNode patch) {
        JsonNode tags = patch.get("tags");
        if (tags == null) {
            return null;
        }
        if (!tags.isObject()) {
            throw wrongType("tags", "an object of strings or null");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tags.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = fields.next();
            if (!tag.getValue().isNull() && !tag.getValue().isTextual()) {
                throw wrongType("tags." + tag.getKey(), "a string, or null to remove the tag");
            }
            changes.put(tag.getKey(), tag.getValue().isNull() ? null : tag.getValue().textValue());
        }
        return changes;
    }

    private static InvalidInputException wrongType(String field, String expected) {
        return new InvalidInputException("INVALID_TYPE", field, "Field '" + field + "' must be " + expected);
    }
}
