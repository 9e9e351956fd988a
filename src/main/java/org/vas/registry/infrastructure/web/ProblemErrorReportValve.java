package org.vas.registry.infrastructure.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some requests before Spring sees them: an encoded slash or NUL in the path, invalid UTF-8, a
 * request line or header past the size limit. Its default page is HTML; this keeps every error of the API a
 * problem document, with a code like the registry's own. It writes only when nothing else wrote a body.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String code = status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
        String body = "{\"type\":\"urn:problem-type:ai-model-registry:" + code.toLowerCase().replace('_', '-')
                + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"The request was "
                + "refused before it reached the registry: its path, line or headers are malformed or too large"
                + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is already gone or the response committed; the status line is all the client gets.
        }
    }
}
