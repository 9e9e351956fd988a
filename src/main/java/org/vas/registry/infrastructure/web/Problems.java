package org.vas.registry.infrastructure.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.vas.registry.kernel.RegistryException;

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

    /** A domain refusal's answer: it carries its status, code, field and any further members itself. */
    public static ProblemDetail of(RegistryException refusal) {
        ProblemDetail problem = of(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.getMessage(),
                refusal.field());
        refusal.properties().forEach(problem::setProperty);
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
