package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The query string and path under the same rule as JSON bodies ({@link WellFormedText}). They are decoded here
 * from the raw request, strictly: the container replaces bytes that are not UTF-8 with U+FFFD, or drops the
 * parameter, so a malformed {@code as_of} or {@code q} would otherwise be answered as some other question.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class WellFormedRequestFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    WellFormedRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refused = refusedPart(request.getRequestURI(), request.getQueryString());
        if (refused != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TEXT", "The " + refused
                    + " cannot be read as text: percent-encoded UTF-8 is expected, and " + WellFormedText.rule());
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What of the request is not well-formed text ("path", or a query parameter), or null. */
    static String refusedPart(String path, String query) {
        if (path != null && !readable(path, false)) {
            return "path";
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!readable(name, true)) {
                return "name of a query parameter";
            }
            if (equals >= 0 && !readable(pair.substring(equals + 1), true)) {
                String decoded = decode(name, true);
                return "query parameter '" + decoded + "'";
            }
        }
        return null;
    }

    private static boolean readable(String encoded, boolean query) {
        String decoded = decode(encoded, query);
        return decoded != null && WellFormedText.isWellFormed(decoded);
    }

    /** Percent-decodes and reads the bytes as UTF-8, or null when either step fails. */
    private static String decode(String encoded, boolean query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && query) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                // The container hands the raw request line over byte for byte, as ISO-8859-1.
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
