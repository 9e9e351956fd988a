package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.vas.registry.kernel.RegistryException;

/** The problem for a request body that cannot be read: not JSON, the wrong shape, too large, or ill-formed text. */
final class UnreadableBodies {

    private static final String NOT_JSON = "The request body is not valid JSON, or it gives a key twice";

    private UnreadableBodies() {
    }

    /**
     * The most specific explanation wins: a domain rule broken inside a value's constructor (reported by Jackson
     * as a mapping error around it) says more than the mapping error does.
     */
    static ProblemDetail problem(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryException registry) {
                return Problems.of(registry);
            }
            if (cause instanceof PayloadTooLargeException) {
                return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", cause.getMessage());
            }
            if (cause instanceof IllFormedTextException text) {
                return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TEXT", text.getOriginalMessage(), text.field());
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD",
                    "Unknown field '" + unknown.getPropertyName() + "'", path(unknown));
        }
        if (cause instanceof StreamConstraintsException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "The request body exceeds a JSON limit: nesting depth, or length of a string, number or name");
        }
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof JsonParseException) {
                return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", NOT_JSON);
            }
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TYPE",
                    "Field '" + path(mapping) + "' has the wrong type or value", path(mapping));
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", NOT_JSON);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
