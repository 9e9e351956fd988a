package org.vas.registry.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vas.registry.kernel.InvalidInputException;

/**
 * Refuses a config_schema whose evaluation cannot be bounded, before the library compiles it. Evaluating a schema
 * recurses once per subschema applied, so an unbounded schema overflows the stack or runs for minutes on every
 * validation. The bounds:
 * <ul>
 * <li>at most {@value #MAX_SIZE} characters of JSON and {@value #MAX_DEPTH} levels of nesting;</li>
 * <li>at most {@value #MAX_REFS} {@code $ref}s, each a JSON pointer into the schema itself ({@code #} or
 * {@code #/...}), so that this class resolves every reference exactly as the library does: nested {@code $id}s,
 * anchors and dynamic or recursive references are refused, since they change what a reference means;</li>
 * <li>on one value, at most {@value #MAX_SAME_VALUE_CHAIN} subschemas applied one inside another and
 * {@value #MAX_APPLIED_TO_ONE_VALUE} in all, counting a reused definition each time it is reached (through
 * {@code $ref}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if}/{@code then}/{@code else},
 * {@code dependentSchemas}): a reference that loops back to the same value has no bound at all, and definitions
 * that each apply the next one twice double the work at every step. Recursion into a part of the value (a tree
 * whose {@code children} refer to the root) is fine, since every step consumes part of a finite document;</li>
 * <li>patterns as {@link LinearTimeRegex} bounds them, and numbers that can be compared (finite doubles).</li>
 * </ul>
 */
final class SchemaBounds {

    static final int MAX_SIZE = 65_536;
    static final int MAX_DEPTH = 32;
    static final int MAX_REFS = 100;
    static final int MAX_SAME_VALUE_CHAIN = 16;
    static final int MAX_APPLIED_TO_ONE_VALUE = 256;

    /** Keywords whose subschemas apply to the same value, not to a part of it. */
    private static final Set<String> SAME_VALUE = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas", "dependencies");
    /** Keywords whose values are data, not schemas, unless the value is an object (then it is checked as both). */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples");
    private static final Set<String> UNSUPPORTED = Set.of("$anchor", "$dynamicAnchor", "$dynamicRef",
            "$recursiveAnchor", "$recursiveRef");
    /**
     * The library percent-decodes a pointer whole in one place and part by part in another; with these escapes, or
     * with {@code +} (which its decoder reads as a space), the two could disagree with each other and with this class.
     */
    private static final Pattern AMBIGUOUS_POINTER = Pattern.compile("\\+|%(2[fF]|7[eE]|25)");
    private static final String DRAFT_4 = "http://json-schema.org/draft-04/schema";

    private record Cost(int applied, int chain) {
    }

    private final JsonNode root;
    private final Set<String> idKeywords;
    private final List<JsonNode> schemas = new ArrayList<>();
    private final Map<JsonNode, JsonNode> refTargets = new IdentityHashMap<>();
    private final Map<JsonNode, Cost> costs = new IdentityHashMap<>();
    private final Set<JsonNode> applying = Collections.newSetFromMap(new IdentityHashMap<>());
    private int refs;

    private SchemaBounds(JsonNode root) {
        this.root = root;
        JsonNode dialect = root.get("$schema");
        this.idKeywords = dialect != null && dialect.asText().startsWith(DRAFT_4) ? Set.of("id", "$id")
                : Set.of("$id");
    }

    /** @throws InvalidInputException {@code INVALID_CONFIG_SCHEMA}, naming where the schema breaks a bound */
    static void check(JsonNode schema) {
        int size = schema.toString().length();
        if (size > MAX_SIZE) {
            throw refused("config_schema", "config_schema has " + size + " characters of JSON, more than the "
                    + MAX_SIZE + " allowed");
        }
        SchemaBounds bounds = new SchemaBounds(schema);
        bounds.walk(schema, "config_schema", 0, false);
        for (JsonNode each : bounds.schemas) {
            bounds.cost(each, 1);
        }
    }

    private void walk(JsonNode node, String path, int depth, boolean data) {
        if (depth > MAX_DEPTH) {
            throw refused(path, "config_schema nests deeper than " + MAX_DEPTH + " levels (at " + path + ")");
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw refused(path, path + " is a number beyond what can be compared (more than " + Double.MAX_VALUE
                    + " in magnitude)");
        }
        if (node.isObject()) {
            if (!data) {
                keywords(node, path);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                walk(value, path + "." + field.getKey(), depth + 1,
                        data || DATA.contains(field.getKey()) && !value.isObject());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", depth + 1, data);
            }
        }
    }

    private void keywords(JsonNode schema, String path) {
        schemas.add(schema);
        for (String keyword : UNSUPPORTED) {
            JsonNode value = schema.get(keyword);
            if (value != null && !value.isObject()) {
                throw refused(path + "." + keyword, path + "." + keyword + ": " + keyword + " is not supported; "
                        + "refer to definitions with a JSON pointer ($ref: \"#/$defs/name\")");
            }
        }
        for (String keyword : idKeywords) {
            JsonNode id = schema.get(keyword);
            if (id != null && id.isTextual() && schema != root) {
                throw refused(path + "." + keyword, path + "." + keyword + ": " + keyword + " is allowed only at the "
                        + "root of a config_schema, since a nested one changes what references resolve to");
            }
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            if (++refs > MAX_REFS) {
                throw refused(path + ".$ref", "config_schema has more than " + MAX_REFS + " $refs");
            }
            refTargets.put(schema, target(ref.textValue(), path + ".$ref"));
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isTextual()) {
            checkPattern(pattern.textValue(), path + ".pattern");
        }
        JsonNode patternProperties = schema.get("patternProperties");
        if (patternProperties != null && patternProperties.isObject()) {
            patternProperties.fieldNames().forEachRemaining(regex -> checkPattern(regex, path + ".patternProperties"));
        }
    }

    private JsonNode target(String ref, String path) {
        String problem = path + " must be a JSON pointer into this config_schema (\"#\" or \"#/...\"), was '"
                + abbreviated(ref) + "'";
        if (!ref.startsWith("#") || AMBIGUOUS_POINTER.matcher(ref).find()) {
            throw refused(path, problem);
        }
        JsonPointer pointer;
        try {
            pointer = pointer(ref);
        } catch (IllegalArgumentException e) {
            throw refused(path, problem);
        }
        for (JsonPointer step = pointer; !step.matches(); step = step.tail()) {
            if (DATA.contains(step.getMatchingProperty())) {
                throw refused(path, path + " points into " + step.getMatchingProperty() + ", which holds data, not "
                        + "schemas: '" + abbreviated(ref) + "'");
            }
        }
        JsonNode target = root.at(pointer);
        if (target.isMissingNode()) {
            throw refused(path, path + " points at nothing in this config_schema: '" + abbreviated(ref) + "'");
        }
        return target;
    }

    /** What a reference that passed these bounds points at, as the library resolves it. */
    static JsonNode resolve(JsonNode root, String ref) {
        return root.at(pointer(ref));
    }

    private static JsonPointer pointer(String ref) {
        return JsonPointer.compile(URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8));
    }

    private static void checkPattern(String regex, String path) {
        try {
            LinearTimeRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw refused(path, path + ": " + e.getMessage());
        }
    }

    /**
     * How many subschemas apply to a value that this schema applies to, and how deep they nest. The recursion is
     * bounded by {@link #MAX_SAME_VALUE_CHAIN}, which a loop exceeds at once.
     */
    private Cost cost(JsonNode schema, int chain) {
        Cost known = costs.get(schema);
        if (known != null) {
            return known;
        }
        if (applying.contains(schema)) {
            throw refused("config_schema", "config_schema refers back to itself without descending into the value "
                    + "($ref, allOf, anyOf, oneOf, not, if/then/else or dependentSchemas in a loop), so validating "
                    + "anything against it would never end");
        }
        if (chain > MAX_SAME_VALUE_CHAIN) {
            throw refused("config_schema", "config_schema applies more than " + MAX_SAME_VALUE_CHAIN
                    + " subschemas one inside another to the same value");
        }
        applying.add(schema);
        int applied = 1;
        int deepest = 0;
        for (JsonNode next : sameValue(schema)) {
            Cost inner = cost(next, chain + 1);
            applied = Math.min(applied + inner.applied(), MAX_APPLIED_TO_ONE_VALUE + 1);
            deepest = Math.max(deepest, inner.chain());
        }
        applying.remove(schema);
        if (applied > MAX_APPLIED_TO_ONE_VALUE) {
            throw refused("config_schema", "config_schema applies more than " + MAX_APPLIED_TO_ONE_VALUE
                    + " subschemas to one value (a definition counts each time it is referred to)");
        }
        Cost cost = new Cost(applied, deepest + 1);
        costs.put(schema, cost);
        return cost;
    }

    private List<JsonNode> sameValue(JsonNode schema) {
        List<JsonNode> next = new ArrayList<>();
        JsonNode target = refTargets.get(schema);
        if (target != null && target.isObject()) {
            next.add(target);
        }
        for (String keyword : SAME_VALUE) {
            JsonNode value = schema.get(keyword);
            if (value == null) {
                continue;
            }
            if (value.isArray() || (value.isObject() && keyword.startsWith("dependen"))) {
                value.forEach(each -> {
                    if (each.isObject()) {
                        next.add(each);
                    }
                });
            } else if (value.isObject()) {
                next.add(value);
            }
        }
        return next;
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static InvalidInputException refused(String field, String message) {
        return new InvalidInputException("INVALID_CONFIG_SCHEMA", field, message);
    }
}
