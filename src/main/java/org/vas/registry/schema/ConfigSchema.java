package org.vas.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.Iterator;
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
        Evaluation uncheckable = uncheckable(parameters, Location.ROOT, 0);
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
    private static Evaluation uncheckable(JsonNode value, Location location, int depth) {
        if (depth > MAX_PARAMETER_DEPTH) {
            return Evaluation.uncheckable("they nest deeper than " + MAX_PARAMETER_DEPTH + " levels",
                    location.toString());
        }
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            return Evaluation.uncheckable("a number is beyond what can be compared (more than "
                    + Double.MAX_VALUE + " in magnitude)", location.toString());
        }
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Evaluation inner = uncheckable(field.getValue(), location.field(field.getKey()), depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Evaluation inner = uncheckable(value.get(i), location.element(i), depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /**
     * Where a value is in the parameters, written as a JSON path only when something there cannot be checked:
     * every validation walks every value, and building each one's path as text was most of that walk's cost.
     */
    private record Location(Location parent, String name, int index) {

        static final Location ROOT = new Location(null, null, -1);

        Location field(String fieldName) {
            return new Location(this, fieldName, -1);
        }

        Location element(int elementIndex) {
            return new Location(this, null, elementIndex);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (name != null ? "." + name : "[" + index + "]");
        }
    }
}
