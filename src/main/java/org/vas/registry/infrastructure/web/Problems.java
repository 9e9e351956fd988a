package org.vas.registry.infrastructure.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type} and {@code code}: clients branch on those, never on the
 * human-readable {@code detail}.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:problem-type:ai-model-registry:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail, String field) {
        ProblemDetail problem = of(status, code, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
