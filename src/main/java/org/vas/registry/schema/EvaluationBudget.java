package org.vas.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AbstractJsonValidator;
import com.networknt.schema.AbstractKeyword;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What one evaluation of a config_schema may spend. It applies at most {@value #MAX_SCHEMA_EVALUATIONS}
 * subschemas: bounds on the schema alone cannot bound the product of schema and parameters (255 failing
 * {@code anyOf} branches over 1,000 array items took 3 s, and definitions that each apply the root to a property
 * twice double the work at every level of nesting). On regular expressions, each string matched is at most
 * {@value LinearTimeRegex#MAX_INPUT_LENGTH} characters, and the sum over all matches of the string's length times
 * the pattern's program size is at most {@value #MAX_PATTERN_WORK}, a few milliseconds of RE2 at its slowest.
 * <p>
 * The library calls the matcher with the string only, so the budget of the evaluation under way is the thread's.
 * Subschemas are counted by a keyword of the registry's that {@link #metered} adds to every subschema.
 */
final class EvaluationBudget {

    static final long MAX_PATTERN_WORK = 2_000_000;
    static final int MAX_SCHEMA_EVALUATIONS = 5_000;
    static final String KEYWORD = "$registryEvaluationBudget";

    private static final Set<String> SCHEMA = Set.of("not", "if", "then", "else", "contains", "additionalProperties",
            "unevaluatedProperties", "unevaluatedItems", "propertyNames", "additionalItems", "contentSchema",
            "items");
    private static final Set<String> SCHEMAS = Set.of("allOf", "anyOf", "oneOf", "prefixItems", "items");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas", "dependencies");

    /**
     * Each thread's budget, kept and reset for each evaluation: setting and removing a thread-local value for every
     * evaluation made its map clean up stale entries each time, a few percent of a batch's judging.
     */
    private static final ThreadLocal<EvaluationBudget> CURRENT = ThreadLocal.withInitial(EvaluationBudget::new);

    private boolean active;
    private long patternWork;
    private int schemaEvaluations;

    private EvaluationBudget() {
    }

    static <T> T within(Supplier<T> evaluation) {
        EvaluationBudget budget = CURRENT.get();
        boolean outerActive = budget.active;
        long outerPatternWork = budget.patternWork;
        int outerSchemaEvaluations = budget.schemaEvaluations;
        budget.active = true;
        budget.patternWork = 0;
        budget.schemaEvaluations = 0;
        try {
            return evaluation.get();
        } finally {
            budget.active = outerActive;
            budget.patternWork = outerPatternWork;
            budget.schemaEvaluations = outerSchemaEvaluations;
        }
    }

    static void chargePattern(int inputLength, int programSize) {
        if (inputLength > LinearTimeRegex.MAX_INPUT_LENGTH) {
            throw new Exceeded("a string of " + inputLength + " characters is longer than the "
                    + LinearTimeRegex.MAX_INPUT_LENGTH + " that may be checked against a pattern");
        }
        EvaluationBudget budget = CURRENT.get();
        if (!budget.active) {
            return;
        }
        budget.patternWork += (long) (inputLength + 1) * programSize;
        if (budget.patternWork > MAX_PATTERN_WORK) {
            throw new Exceeded("checking them would take more pattern matching than one validation may do");
        }
    }

    private static void chargeSchema() {
        EvaluationBudget budget = CURRENT.get();
        if (budget.active && ++budget.schemaEvaluations > MAX_SCHEMA_EVALUATIONS) {
            throw new Exceeded("checking them would apply more than " + MAX_SCHEMA_EVALUATIONS + " subschemas");
        }
    }

    /**
     * A copy of the schema in which every subschema carries the counting keyword: those in schema positions and
     * every reference's target, wherever it lies (outside data, which {@link SchemaBounds} ensures), so that no
     * loop of evaluation can pass only through schemas that are not counted.
     */
    static JsonNode metered(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        new Object() {
            private final Set<JsonNode> metered = Collections.newSetFromMap(new IdentityHashMap<>());

            void meter(JsonNode subschema) {
                if (!subschema.isObject() || !metered.add(subschema)) {
                    return;
                }
                ((ObjectNode) subschema).put(KEYWORD, true);
                subschema.fields().forEachRemaining(field -> {
                    String keyword = field.getKey();
                    JsonNode value = field.getValue();
                    if (keyword.equals("$ref") && value.isTextual()) {
                        meter(SchemaBounds.resolve(copy, value.textValue()));
                    } else if (SCHEMA.contains(keyword) && value.isObject()) {
                        meter(value);
                    } else if (SCHEMAS.contains(keyword) && value.isArray()
                            || SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                        value.forEach(this::meter);
                    }
                });
            }
        }.meter(copy);
        return copy;
    }

    /** The dialects the registry compiles, each knowing the counting keyword. */
    static List<JsonMetaSchema> meteredDialects() {
        return Stream.of(JsonMetaSchema.getV4(), JsonMetaSchema.getV6(), JsonMetaSchema.getV7(),
                        JsonMetaSchema.getV201909(), JsonMetaSchema.getV202012())
                .map(dialect -> JsonMetaSchema.builder(dialect.getIri(), dialect).keyword(new Meter()).build())
                .toList();
    }

    private static final class Meter extends AbstractKeyword {

        Meter() {
            super(KEYWORD);
        }

        @Override
        public JsonValidator newValidator(SchemaLocation schemaLocation, JsonNodePath evaluationPath,
                                          JsonNode schemaNode, JsonSchema parentSchema,
                                          ValidationContext validationContext) {
            return new AbstractJsonValidator(schemaLocation, evaluationPath, this, schemaNode) {
                @Override
                public Set<ValidationMessage> validate(ExecutionContext executionContext, JsonNode node,
                                                       JsonNode rootNode, JsonNodePath instanceLocation) {
                    chargeSchema();
                    return Set.of();
                }
            };
        }
    }

    /**
     * The parameters cannot be checked within the budget. A {@link JsonSchemaException}, because the library
     * passes those through without logging them as failures of its own.
     */
    static final class Exceeded extends JsonSchemaException {

        Exceeded(String message) {
            super(message);
        }
    }
}
