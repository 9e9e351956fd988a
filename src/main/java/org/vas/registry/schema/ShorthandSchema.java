package org.vas.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.vas.registry.kernel.InvalidInputException;

/**
 * The platform manifests' {@code config_schema} shorthand: a map of parameter name to
 * {@code {type, enum, items, properties, min, max, required, ...}}, as in
 * <pre>
 * zones:
 *   type: array
 *   items: {type: object, properties: {id: {type: string}}}
 * </pre>
 * It is translated into a JSON Schema (2020-12). Parameters not declared at the top level are refused
 * ({@code additionalProperties: false}): a misspelt parameter must not silently pass validation.
 */
final class ShorthandSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> JSON_TYPES = Set.of("string", "number", "integer", "boolean", "array",
            "object", "null");
    private static final Map<String, String> TYPE_ALIASES = Map.of("float", "number", "double", "number",
            "int", "integer", "bool", "boolean", "list", "array", "dict", "object", "str", "string");
    private static final Map<String, String> KEYWORD_ALIASES = Map.of("min", "minimum", "max", "maximum",
            "min_length", "minLength", "max_length", "maxLength", "min_items", "minItems", "max_items", "maxItems");
    private static final Set<String> SCHEMA_MARKERS = Set.of("$schema", "$ref", "$id", "$defs", "allOf", "anyOf",
            "oneOf", "not", "if", "const", "enum", "additionalProperties", "patternProperties", "required");

    private ShorthandSchema() {
    }

    /**
     * A real JSON Schema names its {@code type} as a string (or array of strings) or uses a schema keyword; the
     * shorthand is a map whose every value is a parameter description object. A property of the shorthand may
     * itself be called {@code type}, which is why the value's shape decides, not the key.
     */
    static boolean isShorthand(JsonNode schema) {
        if (schema.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (SCHEMA_MARKERS.contains(field.getKey()) || !field.getValue().isObject()) {
                return false;
            }
            if (field.getKey().equals("properties") && !looksLikeParameter(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeParameter(JsonNode node) {
        JsonNode type = node.get("type");
        return type != null && type.isTextual();
    }

    static ObjectNode translate(JsonNode shorthand) {
        ObjectNode schema = objectSchema(shorthand, "config_schema");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode objectSchema(JsonNode parameters, String path) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            if (!field.getValue().isObject()) {
                throw invalid(fieldPath, "must be an object describing the parameter");
            }
            properties.set(field.getKey(), parameter(field.getValue(), fieldPath));
            JsonNode isRequired = field.getValue().get("required");
            if (isRequired != null && isRequired.asBoolean(false)) {
                required.add(field.getKey());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static ObjectNode parameter(JsonNode spec, String path) {
        ObjectNode schema = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> keywords = spec.fields();
        while (keywords.hasNext()) {
            Map.Entry<String, JsonNode> keyword = keywords.next();
            String key = keyword.getKey();
            JsonNode value = keyword.getValue();
            switch (key) {
                case "type" -> schema.put("type", type(value, path));
                case "items" -> schema.set("items", items(value, path + ".items"));
                case "properties" -> {
                    if (!value.isObject()) {
                        throw invalid(path + ".properties", "must be an object");
                    }
                    ObjectNode nested = objectSchema(value, path + ".properties");
                    schema.set("properties", nested.get("properties"));
                    if (nested.has("required")) {
                        schema.set("required", nested.get("required"));
                    }
                }
                case "required" -> {
                    // A flag on the parameter, collected by the enclosing object.
                }
                default -> schema.set(KEYWORD_ALIASES.getOrDefault(key, key), value);
            }
        }
        allowNullWhenEnumerated(schema);
        return schema;
    }

    private static JsonNode items(JsonNode items, String path) {
        if (items.isTextual()) {
            return JSON.objectNode().put("type", type(items, path));
        }
        if (items.isObject()) {
            return parameter(items, path);
        }
        throw invalid(path, "must be a type name or an object");
    }

    private static String type(JsonNode type, String path) {
        String name = type.isTextual() ? TYPE_ALIASES.getOrDefault(type.textValue(), type.textValue()) : null;
        if (name == null || !JSON_TYPES.contains(name)) {
            throw invalid(path + ".type", "must be one of " + JSON_TYPES);
        }
        return name;
    }

    /** The manifests list {@code null} among enumerated values to mean "may be absent"; JSON Schema needs the type. */
    private static void allowNullWhenEnumerated(ObjectNode schema) {
        JsonNode values = schema.get("enum");
        JsonNode type = schema.get("type");
        if (values == null || !values.isArray() || type == null || !type.isTextual()) {
            return;
        }
        for (JsonNode value : values) {
            if (value.isNull()) {
                schema.set("type", JSON.arrayNode().add(type.textValue()).add("null"));
                return;
            }
        }
    }

    private static InvalidInputException invalid(String path, String message) {
        return new InvalidInputException("INVALID_CONFIG_SCHEMA", path, path + " " + message);
    }
}
