package org.vas.registry.infrastructure.web;

/**
 * Text the registry can keep exactly as it was given. Java strings may hold unpaired surrogates, which no UTF-8
 * column can store (the driver writes '?'), and U+0000, which PostgreSQL refuses in text and jsonb: either would
 * let the log and the read model disagree, so both are refused where a request is read.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    public static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    static boolean isWellFormed(char[] chars, int offset, int length) {
        return isWellFormed(java.nio.CharBuffer.wrap(chars, offset, length));
    }

    static String rule() {
        return "text must be well-formed Unicode without U+0000";
    }
}
