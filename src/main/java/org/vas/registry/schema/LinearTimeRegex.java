package org.vas.registry.schema;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The {@code pattern} and {@code patternProperties} of a client's config_schema (and {@code format: regex} values)
 * run on RE2, whose matching time is linear in the input. With java.util.regex, a pattern such as
 * {@code ^(a+)+$} against "aaaa...!" backtracks for hours and holds a request thread; RE2 answers at once. What RE2
 * cannot express (backreferences, lookaround) makes the schema fail to compile, so it is refused rather than
 * half-checked.
 * <p>
 * Linear is not cheap enough on its own: RE2's matching time is the input's length times the compiled program's
 * size, and counted repetition multiplies the program ({@code ((a{100}){100}){100}} is a million instructions). So
 * the pattern's length and its program's size are bounded, the program's size is estimated before compiling
 * (compiling a million instructions is itself the attack), and so is the length of a string matched against it.
 */
final class LinearTimeRegex implements RegularExpressionFactory {

    static final LinearTimeRegex INSTANCE = new LinearTimeRegex();

    static final int MAX_PATTERN_LENGTH = 1_000;
    static final int MAX_PROGRAM_SIZE = 500;
    static final int MAX_INPUT_LENGTH = 1_000;
    /** Above this, the expansion of counted repetitions is refused without compiling it. */
    private static final long MAX_ESTIMATED_SIZE = 20L * MAX_PROGRAM_SIZE;
    private static final long SATURATED = Long.MAX_VALUE / 4;

    private LinearTimeRegex() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = compile(regex);
        int programSize = pattern.programSize();
        return value -> {
            EvaluationBudget.chargePattern(value.length(), programSize);
            return pattern.matcher(value).find();
        };
    }

    /**
     * @throws IllegalArgumentException (a {@link com.google.re2j.PatternSyntaxException} when RE2 cannot parse it)
     *         with a message a client can act on
     */
    static Pattern compile(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("a pattern may have at most " + MAX_PATTERN_LENGTH
                    + " characters, this one has " + regex.length());
        }
        if (estimatedSize(regex) > MAX_ESTIMATED_SIZE) {
            throw new IllegalArgumentException("the pattern's counted repetitions expand far beyond "
                    + MAX_PROGRAM_SIZE + " instructions");
        }
        Pattern pattern = Pattern.compile(regex);
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException("the pattern compiles to " + pattern.programSize()
                    + " instructions, more than the " + MAX_PROGRAM_SIZE + " allowed");
        }
        return pattern;
    }

    /**
     * An upper estimate of the compiled size: every character counts one, and a counted repetition multiplies the
     * atom or group before it. It only has to catch multiplication before the compiler performs it, so where the
     * syntax is unclear it errs upwards: an escape is one atom, a character class ends at its first unescaped
     * {@code ]} (RE2 ends it there or later), and an unbalanced parenthesis is an ordinary character.
     */
    static long estimatedSize(String regex) {
        Deque<long[]> enclosing = new ArrayDeque<>();
        long total = 0;
        long last = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    i++;
                    last = 1;
                    total = add(total, 1);
                }
                case '[' -> {
                    i = endOfClass(regex, i);
                    last = 1;
                    total = add(total, 1);
                }
                case '(' -> {
                    enclosing.push(new long[] {total, last});
                    total = 0;
                    last = 0;
                }
                case ')' -> {
                    long group = add(total, 1);
                    if (enclosing.isEmpty()) {
                        total = group;
                        last = 1;
                    } else {
                        total = add(enclosing.pop()[0], group);
                        last = group;
                    }
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    long times = close < 0 ? -1 : repetitions(regex.substring(i + 1, close));
                    if (times < 0) {
                        last = 1;
                        total = add(total, 1);
                    } else {
                        total = add(total, multiply(last, times));
                        last = multiply(last, times + 1);
                        i = close;
                    }
                }
                default -> {
                    last = 1;
                    total = add(total, 1);
                }
            }
        }
        while (!enclosing.isEmpty()) {
            total = add(enclosing.pop()[0], total);
        }
        return total;
    }

    /** The largest count of {@code n}, {@code n,} or {@code n,m}, or -1 when it is not a repetition at all. */
    private static long repetitions(String counts) {
        if (!counts.matches("\\d{1,9}(,\\d{0,9})?")) {
            return -1;
        }
        String[] bounds = counts.split(",", -1);
        long min = Long.parseLong(bounds[0]);
        if (bounds.length == 1) {
            return min;
        }
        return bounds[1].isEmpty() ? min + 1 : Math.max(min, Long.parseLong(bounds[1]));
    }

    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == ']') {
                return i;
            } else {
                i++;
            }
        }
        return regex.length();
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a == 0 || b <= SATURATED / a ? Math.min(SATURATED, a * b) : SATURATED;
    }
}
