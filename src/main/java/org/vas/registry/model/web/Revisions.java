package org.vas.registry.model.web;

import org.vas.registry.kernel.InvalidInputException;

/** A model's revision as an entity tag: {@code "3"}. {@code If-Match} takes it back; {@code *} matches any. */
final class Revisions {

    private Revisions() {
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an {@code If-Match} header demands, or null when it demands none. */
    static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw invalid();
        }
        try {
            long revision = Long.parseLong(tag.substring(1, tag.length() - 1));
            if (revision < 0) {
                throw invalid();
            }
            return revision;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("INVALID_IF_MATCH", "If-Match",
                "If-Match must be a model revision as its ETag shows it, e.g. \"3\"");
    }
}
