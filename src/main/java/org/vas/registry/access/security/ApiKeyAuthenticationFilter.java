package org.vas.registry.access.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vas.registry.access.Role;
import org.vas.registry.access.query.ApiKeys;

/**
 * Authenticates {@code X-API-Key: <key>} and {@code Authorization: Bearer <key>}. A bearer token shaped like a
 * JWT is left to the resource server. A key that is unknown, revoked or expired authenticates nobody, so the
 * request is refused with 401 wherever a credential is needed (and public endpoints stay public). When the
 * database cannot be asked, the answer is 503: the registry cannot tell, so it refuses, and says why. A
 * credential over its failed-authentication budget, or an unknown one from an address over its budget, is
 * answered 429 before it is looked up ({@link FailedAuthLimiter}). Public endpoints are not filtered at all.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final SecurityProblems problems;
    private final FailedAuthLimiter limiter;
    private final RequestMatcher publicEndpoints;

    ApiKeyAuthenticationFilter(ApiKeys keys, SecurityProblems problems, FailedAuthLimiter limiter,
                               RequestMatcher publicEndpoints) {
        this.keys = keys;
        this.problems = problems;
        this.limiter = limiter;
        this.publicEndpoints = publicEndpoints;
    }

    /** A public endpoint answers without a credential, so one sent to it is not looked at, let alone looked up. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return publicEndpoints.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credential = SecurityProblems.credential(request);
        if (credential == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> key = presentedKey(request);
        String fingerprint = FailedAuthLimiter.fingerprint(credential);
        long wait = limiter.retryAfterSeconds(request.getRemoteAddr(), fingerprint, !isJwt(request));
        if (wait > 0) {
            problems.tooManyFailures(response, wait);
            return;
        }
        if (key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Holder> holder;
        try {
            holder = keys.authenticate(key.get());
        } catch (DataAccessException e) {
            problems.databaseUnavailable(response);
            return;
        }
        holder.ifPresent(found -> {
            limiter.succeeded(fingerprint);
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated("apikey:" + found.name(), null,
                            found.roles().stream()
                                    .map(role -> new SimpleGrantedAuthority(Role.parse(role).authority())).toList()));
        });
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null) {
            return Optional.of(apiKey.strip());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            return looksLikeJwt(token) ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    /** A bearer token shaped like a JWT, which the resource server checks by its signature. */
    private static boolean isJwt(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return request.getHeader(API_KEY_HEADER) == null && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && looksLikeJwt(authorization.substring(BEARER.length()).strip());
    }

    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
