package org.vas.registry.schema;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The {@code pattern} and {@code patternProperties} of a client's config_schema run on RE2, whose matching time is
 * linear in the input. With java.util.regex, a pattern such as {@code ^(a+)+$} against "aaaa...!" backtracks for
 * hours and holds a request thread; RE2 answers at once. What RE2 cannot express (backreferences, lookaround)
 * makes the schema fail to compile, so it is refused rather than half-checked.
 */
final class LinearTimeRegex implements RegularExpressionFactory {

    static final LinearTimeRegex INSTANCE = new LinearTimeRegex();

    private LinearTimeRegex() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }
}
