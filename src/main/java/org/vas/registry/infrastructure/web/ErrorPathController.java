package org.vas.registry.infrastructure.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container forwards here what failed outside Spring MVC; it replaces Spring Boot's error controller, which
 * answers a plain request for {@code /error} with a 500. Such a request asks for a resource that does not exist.
 * The failure itself was logged where it happened; the answer names none of it.
 */
@RestController
class ErrorPathController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null
                && number >= 400 ? HttpStatus.valueOf(number) : HttpStatus.NOT_FOUND;
        ProblemDetail problem;
        if (status == HttpStatus.NOT_FOUND) {
            problem = Problems.of(status, "NOT_FOUND", "No such resource");
        } else if (status.is4xxClientError()) {
            problem = Problems.of(status, "BAD_REQUEST", "The request was refused");
        } else if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            problem = Problems.of(status, "SERVICE_UNAVAILABLE", "The registry is unavailable; retry later");
        } else {
            problem = Problems.of(status, "INTERNAL_ERROR", "The registry failed to handle the request");
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
