package org.vas.registry.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks every answer the tests receive against the committed {@code docs/openapi.yaml}: status, media type,
 * headers and body schema, with Atlassian's OpenAPI validator. Only answers are checked: some tests send
 * deliberately invalid requests. Paths the document does not describe (actuator, Swagger UI, a path with a trailing
 * slash, which the validator would take for the path without it) are not checked.
 */
public final class Contract {

    private Contract() {
    }

    /** Loaded on first use, so that a test regenerating the document does not need it to be valid. */
    private static final class Document {
        private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
                .createForInlineApiSpecification(read(Path.of("docs", "openapi.yaml")))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** Fails when the answer is not one the document describes for this method and URI. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        if (!uri.getPath().startsWith("/api/") || uri.getPath().endsWith("/")) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = Document.VALIDATOR.validateResponse(uri.getRawPath(), Request.Method.valueOf(method),
                answer.build());
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + method + " " + uri.getPath() + " is not the one "
                    + "docs/openapi.yaml describes:\n" + SimpleValidationReportFormat.getInstance().apply(report)
                    + "\n" + response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        }
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
