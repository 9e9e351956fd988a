package org.vas.registry.model.web;

import static org.vas.registry.model.web.ModelCommandController.POSITION_HEADER;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpHeaders;

/**
 * What a command on an existing model answers: the model with its revision and log position, or the problems a
 * command can meet. One place, so that every such endpoint is described alike.
 */
final class ModelCommandAnswers {

    private ModelCommandAnswers() {
    }

    /** A command without a body. */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "The model", useReturnTypeSchema = true, headers = {
            @Header(name = HttpHeaders.ETAG, ref = "ETag"), @Header(name = POSITION_HEADER, ref = POSITION_HEADER)})
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    @ApiResponse(responseCode = "412", ref = "PRECONDITION_FAILED")
    @interface Bodiless {
    }

    /** A command with a JSON body (a reason, an alias's target): what a bodiless one answers, and body refusals. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Bodiless
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    @interface WithBody {
    }
}
