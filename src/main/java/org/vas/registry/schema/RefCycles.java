package org.vas.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vas.registry.model.InvalidInputException;

/**
 * Refuses a schema whose references loop back to themselves on the same instance, such as {@code {"$ref": "#"}}
 * or two definitions that refer to each other: validating anything against it recurses until the thread's stack
 * overflows. Recursion that descends into the instance (a tree whose {@code children} items refer to the root) is
 * fine, since every step consumes part of a finite document.
 */
final class RefCycles {

    /** Keywords whose subschemas apply to the same instance, not to a part of it. */
    private static final Set<String> SAME_INSTANCE = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas");
    /** Keywords whose values are data, not schemas. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples");

    private enum State { VISITING, DONE }

    private final JsonNode root;
    private final Map<JsonNode, State> states = new IdentityHashMap<>();

    private RefCycles(JsonNode root) {
        this.root = root;
    }

    static void check(JsonNode root) {
        RefCycles cycles = new RefCycles(root);
        cycles.everySchema(root);
    }

    private void everySchema(JsonNode node) {
        if (node.isObject()) {
            visit(node);
            node.fields().forEachRemaining(field -> {
                if (!DATA.contains(field.getKey())) {
                    everySchema(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(this::everySchema);
        }
    }

    private void visit(JsonNode schema) {
        State state = states.get(schema);
        if (state == State.DONE) {
            return;
        }
        if (state == State.VISITING) {
            throw new InvalidInputException("INVALID_CONFIG_SCHEMA", "config_schema",
                    "config_schema does not compile: its $ref loops back to itself without descending into the "
                            + "value, so validating anything against it would never end");
        }
        states.put(schema, State.VISITING);
        for (JsonNode next : sameInstance(schema)) {
            visit(next);
        }
        states.put(schema, State.DONE);
    }

    private List<JsonNode> sameInstance(JsonNode schema) {
        List<JsonNode> next = new ArrayList<>();
        if (!schema.isObject()) {
            return next;
        }
        for (String keyword : List.of("$ref", "$dynamicRef")) {
            JsonNode ref = schema.get(keyword);
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                JsonNode target = root.at(ref.asText().substring(1));
                if (!target.isMissingNode()) {
                    next.add(target);
                }
            }
        }
        for (String keyword : SAME_INSTANCE) {
            JsonNode value = schema.get(keyword);
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(next::add);
            } else if (keyword.equals("dependentSchemas") && value.isObject()) {
                value.forEach(next::add);
            } else {
                next.add(value);
            }
        }
        return next;
    }
}
