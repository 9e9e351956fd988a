package org.vas.registry.infrastructure.web;

import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vas.registry.kernel.RegistryException;

/**
 * The one place where failures become HTTP answers. Domain refusals carry their own status and code and are
 * mapped by one rule; framework errors about the request itself are client errors with a code of their own
 * (unreadable bodies: {@link UnreadableBodies}); only a fault of the registry is a 5xx, and a database that is
 * gone is a 503 ({@link DatabaseFailures}).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final Map<Integer, String> FRAMEWORK_CODES = Map.of(
            400, "BAD_REQUEST",
            404, "NOT_FOUND",
            405, "METHOD_NOT_ALLOWED",
            406, "NOT_ACCEPTABLE",
            413, "PAYLOAD_TOO_LARGE",
            415, "UNSUPPORTED_MEDIA_TYPE",
            503, "SERVICE_UNAVAILABLE");

    private final DatabaseFailures database;

    ProblemHandler(DatabaseFailures database) {
        this.database = database;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> registry(RegistryException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        e.retryAfterSeconds().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return answer.body(Problems.of(e));
    }

    /** Another instance appended to the same model first; the command was not applied and may be retried. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return answer(Problems.of(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                "The model was changed by another command at the same time; nothing was written, retry"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception && cause != e) {
            return rethrowHandled(exception);
        }
        return unexpected(e);
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class,
            QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                "The registry's database cannot be reached; nothing was written. Retry later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /**
     * A database that goes away mid-request surfaces in many wrappers (a failed rollback, Axon's storage errors,
     * the append lock, a snapshot read that Axon swallowed before the next statement found the connection closed):
     * whatever carries a lost connection underneath is an outage, answered 503, not a fault. So is any other
     * failure while the database does not answer at all, whatever a wrapper made of the cause.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.lostDatabase(e)) {
            return databaseUnavailable(e);
        }
        if (DatabaseFailures.refusedData(e)) {
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_VALUE",
                    "A value in the request cannot be stored or compared, such as text with a NUL character"));
        }
        if (!database.databaseAnswers()) {
            log.warn("Failure while the database does not answer", e);
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure", e);
        return answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The registry failed to handle the request"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = UnreadableBodies.problem(e);
        return new ResponseEntity<>(problem, headers, problem.getStatus());
    }

    /** Spring's own client errors (405, 415, missing parameters...) keep their status and gain a stable code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            String code = FRAMEWORK_CODES.getOrDefault(status.value(), status.is4xxClientError()
                    ? "BAD_REQUEST" : "INTERNAL_ERROR");
            ProblemDetail coded = Problems.of(HttpStatus.valueOf(status.value()), code, problem.getDetail());
            return new ResponseEntity<>(coded, response.getHeaders(), response.getStatusCode());
        }
        return response;
    }

    private ResponseEntity<ProblemDetail> rethrowHandled(Exception cause) {
        if (cause instanceof RegistryException registry) {
            return registry(registry);
        }
        if (cause instanceof ConcurrencyException concurrent) {
            return concurrent(concurrent);
        }
        return unexpected(cause);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
