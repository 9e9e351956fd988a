package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Checks every key and string value as it is read, before any deserializer sees it: so it holds for records,
 * maps and free-form {@code JsonNode} documents alike. Every other way of advancing the parser goes through
 * {@link #nextToken()}.
 */
public final class WellFormedJsonParser extends JsonParserDelegate {

    public WellFormedJsonParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == JsonToken.FIELD_NAME && !WellFormedText.isWellFormed(delegate.currentName())) {
            throw new IllFormedTextException(this, path(false));
        }
        if (token == JsonToken.VALUE_STRING && !WellFormedText.isWellFormed(delegate.getTextCharacters(),
                delegate.getTextOffset(), delegate.getTextLength())) {
            throw new IllFormedTextException(this, path(true));
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    /** Where the current token is, as {@code tags.k} or {@code assignments[0].model_id}; a refused key is left out. */
    private String path(boolean withCurrentName) {
        StringBuilder path = new StringBuilder();
        JsonStreamContext context = delegate.getParsingContext();
        for (boolean innermost = true; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                path.insert(0, "[" + context.getCurrentIndex() + "]");
            } else if (context.getCurrentName() != null && (withCurrentName || !innermost)) {
                path.insert(0, "." + context.getCurrentName());
            }
            innermost = false;
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}
