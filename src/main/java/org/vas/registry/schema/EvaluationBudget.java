package org.vas.registry.schema;

import com.networknt.schema.JsonSchemaException;
import java.util.function.Supplier;

/**
 * What one evaluation of a config_schema may spend on regular expressions: each string matched is at most
 * {@value LinearTimeRegex#MAX_INPUT_LENGTH} characters, and the sum over all matches of the string's length times
 * the pattern's program size is at most {@value #MAX_PATTERN_WORK}, a few milliseconds of RE2 at its slowest.
 * Bounding each match is not enough, since parameters may hold many strings and many patterns may apply to each.
 * <p>
 * The library calls the matcher with the string only, so the budget of the evaluation under way is the thread's.
 */
final class EvaluationBudget {

    static final long MAX_PATTERN_WORK = 2_000_000;

    private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

    private long patternWork;

    private EvaluationBudget() {
    }

    static <T> T within(Supplier<T> evaluation) {
        EvaluationBudget outer = CURRENT.get();
        CURRENT.set(new EvaluationBudget());
        try {
            return evaluation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static void chargePattern(int inputLength, int programSize) {
        if (inputLength > LinearTimeRegex.MAX_INPUT_LENGTH) {
            throw new Exceeded("a string of " + inputLength + " characters is longer than the "
                    + LinearTimeRegex.MAX_INPUT_LENGTH + " that may be checked against a pattern");
        }
        EvaluationBudget budget = CURRENT.get();
        if (budget == null) {
            return;
        }
        budget.patternWork += (long) (inputLength + 1) * programSize;
        if (budget.patternWork > MAX_PATTERN_WORK) {
            throw new Exceeded("checking them would take more pattern matching than one validation may do");
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
