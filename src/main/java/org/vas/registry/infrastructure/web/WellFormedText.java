package org.vas.registry.infrastructure.web;

/**
 * Text the registry can keep exactly as it was given. Java strings may hold unpaired surrogates, which no UTF-8
 * column can store (the driver writes '?'), and U+0000, which PostgreSQL refuses in text and jsonb: either would
 * let the log and the read model disagree, so both are refused where a request is read.
 */
final class WellFormedText {

    private WellFormedText() {
    }

    public static boolean isWellFormed(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        return isWellFormed(chars, 0, chars.length);
    }

    /** Over a parser's own buffer: every string of every request body passes here, so nothing is copied. */
    static boolean isWellFormed(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == end || !Character.isLowSurrogate(chars[i + 1])) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    static String rule() {
        return "text must be well-formed Unicode without U+0000";
    }
}
