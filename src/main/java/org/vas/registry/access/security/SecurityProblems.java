package org.vas.registry.access.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.web.Problems;

/**
 * 401, 403, 429 and firewall rejections as problem details. They are decided before any handler runs, so they never reveal whether
 * the model asked about exists.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String CHALLENGE = "Bearer realm=\"ai-model-registry\", ApiKey realm=\"ai-model-registry\"";

    private final ObjectMapper json;
    private final FailedAuthLimiter limiter;

    SecurityProblems(ObjectMapper json, FailedAuthLimiter limiter) {
        this.json = json;
        this.limiter = limiter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException failure) throws IOException {
        if (hasCredential(request)) {
            limiter.failed(request.getRemoteAddr(), FailedAuthLimiter.fingerprint(credential(request)));
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", hasCredential(request)
                ? "The credential is not valid: unknown, revoked or expired"
                : "A credential is required: X-API-Key or Authorization: Bearer");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", "The credential's roles do not allow this request");
    }

    /** Spring Security's firewall refuses suspicious URLs (encoded dots or slashes, ';', '//'): a client error. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        write(response, HttpStatus.BAD_REQUEST, "REQUEST_REJECTED", "The request URL is not acceptable: "
                + rejected.getMessage());
    }

    void tooManyFailures(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        write(response, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_FAILED_AUTHENTICATIONS",
                "Too many failed authentications from this address or with this credential; retry later");
    }

    void databaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        write(response, HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                "The registry's database cannot be reached to check the credential; nothing was done. Retry later.");
    }

    static boolean hasCredential(HttpServletRequest request) {
        return credential(request) != null;
    }

    /** The credential as sent, header and all (the API key header wins, as in authentication), or null. */
    static String credential(HttpServletRequest request) {
        String apiKey = request.getHeader(ApiKeyAuthenticationFilter.API_KEY_HEADER);
        return apiKey != null ? apiKey : request.getHeader(HttpHeaders.AUTHORIZATION);
    }

    private void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(status, code, detail));
    }
}
