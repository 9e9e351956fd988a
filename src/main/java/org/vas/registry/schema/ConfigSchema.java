package org.vas.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled config_schema that evaluates parameters in bounded time and never throws: parameters it cannot check
 * (numbers beyond what can be compared, nesting beyond what evaluation may recurse, strings too long to match in
 * bounded time) are {@link Outcome#UNCHECKABLE}, and any failure of the library while evaluating is
 * {@link Outcome#FAILED}. Both must end as "not valid": a schema that cannot be evaluated proves nothing.
 */
public final class ConfigSchema {

    static final int MAX_PARAMETER_DEPTH = 32;

    private static final Logger log = LoggerFactory.getLogger(ConfigSchema.class);

    private final JsonSchema schema;

    ConfigSchema(JsonSchema schema) {
        this.schema = schema;
    }

    public enum Outcome { CHECKED, UNCHECKABLE, FAILED }

    /**
     * {@code problems} are the schema's findings when {@code CHECKED}; otherwise {@code reason} says why there are
     * none, and {@code location} (JSON path from {@code $}) where the parameters could not be checked.
     */
    public record Evaluation(Outcome outcome, List<ValidationMessage> problems, String reason, String location) {

        static Evaluation checked(List<ValidationMessage> problems) {
            return new Evaluation(Outcome.CHECKED, problems, null, "$");
        }

        static Evaluation uncheckable(String reason, String location) {
            return new Evaluation(Outcome.UNCHECKABLE, List.of(), reason, location);
        }
    }

    public Evaluation evaluate(JsonNode parameters) {
        Evaluation uncheckable = uncheckable(parameters);
        if (uncheckable != null) {
            return uncheckable;
        }
        try {
            List<ValidationMessage> problems = EvaluationBudget.within(() -> schema.validate(parameters)).stream()
                    .sorted(Comparator.comparing(ValidationMessage::getMessage))
                    .toList();
            return Evaluation.checked(problems);
        } catch (RuntimeException | StackOverflowError e) {
            EvaluationBudget.Exceeded exceeded = exceeded(e);
            if (exceeded != null) {
                return Evaluation.uncheckable(exceeded.getMessage(), "$");
            }
            log.warn("Evaluating a config_schema failed: {}", e.toString());
            return new Evaluation(Outcome.FAILED, List.of(), "evaluating it failed", "$");
        }
    }

    private static EvaluationBudget.Exceeded exceeded(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EvaluationBudget.Exceeded exceeded) {
                return exceeded;
            }
        }
        return null;
    }

    /** Numbers that do not fit a double are compared by the library through a conversion that throws. */
    private static Evaluation uncheckable(JsonNode parameters) {
        Uncheckable found = uncheckable(parameters, 0);
        return found == null ? null : Evaluation.uncheckable(found.reason, "$" + found.location);
    }

    /**
     * Every validation walks every value, so the walk makes no path element on the way down: where a value is that
     * cannot be checked is written only on the way back up from it. It asks each value its type once, as a batch
     * of 500 assignments walks thousands of values of many node classes.
     */
    private static Uncheckable uncheckable(JsonNode value, int depth) {
        if (depth > MAX_PARAMETER_DEPTH) {
            return new Uncheckable("they nest deeper than " + MAX_PARAMETER_DEPTH + " levels");
        }
        switch (value.getNodeType()) {
            case NUMBER -> {
                if (!Double.isFinite(value.doubleValue())) {
                    return new Uncheckable("a number is beyond what can be compared (more than " + Double.MAX_VALUE
                            + " in magnitude)");
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    Uncheckable inner = uncheckable(field.getValue(), depth + 1);
                    if (inner != null) {
                        inner.location.insert(0, "." + field.getKey());
                        return inner;
                    }
                }
            }
            case ARRAY -> {
                for (int i = 0; i < value.size(); i++) {
                    Uncheckable inner = uncheckable(value.get(i), depth + 1);
                    if (inner != null) {
                        inner.location.insert(0, "[" + i + "]");
                        return inner;
                    }
                }
            }
            default -> {
                // Nothing else is compared through a conversion; strings are bounded by the evaluation budget.
            }
        }
        return null;
    }

    /** Why parameters cannot be checked, and the path below {@code $} to the value that is why. */
    private static final class Uncheckable {

        private final String reason;
        private final StringBuilder location = new StringBuilder();

        Uncheckable(String reason) {
            this.reason = reason;
        }
    }
}
