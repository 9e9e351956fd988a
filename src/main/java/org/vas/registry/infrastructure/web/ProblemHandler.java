package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
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
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vas.registry.kernel.RegistryException;

/**
 * The one place where failures become HTTP answers. Domain refusals carry their own code; framework errors
 * about the request itself are client errors with a code of their own; only a fault of the registry is a 5xx.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final String NOT_JSON = "The request body is not valid JSON, or it gives a key twice";
    private static final int PROBE_SECONDS = 2;

    private static final Map<Integer, String> FRAMEWORK_CODES = Map.of(
            400, "BAD_REQUEST",
            404, "NOT_FOUND",
            405, "METHOD_NOT_ALLOWED",
            406, "NOT_ACCEPTABLE",
            413, "PAYLOAD_TOO_LARGE",
            415, "UNSUPPORTED_MEDIA_TYPE",
            503, "SERVICE_UNAVAILABLE");

    private static final Set<String> UNAVAILABLE_STATES = Set.of("08", "53", "57", "58");

    private final DataSource dataSource;

    ProblemHandler(DataSource dataSource) {
        this.dataSource = dataSource;
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
        if (lostDatabase(e)) {
            return databaseUnavailable(e);
        }
        if (refusedData(e)) {
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_VALUE",
                    "A value in the request cannot be stored or compared, such as text with a NUL character"));
        }
        if (!databaseAnswers()) {
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
        ProblemDetail problem = readProblem(e);
        return new ResponseEntity<>(problem, headers, problem.getStatus());
    }

    /**
     * The most specific explanation wins: a domain rule broken inside a value's constructor (reported by Jackson
     * as a mapping error around it) says more than the mapping error does.
     */
    private static ProblemDetail readProblem(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryException registry) {
                return Problems.of(registry);
            }
            if (cause instanceof PayloadTooLargeException) {
                return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", cause.getMessage());
            }
            if (cause instanceof IllFormedTextException text) {
                return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TEXT", text.getOriginalMessage(), text.field());
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD",
                    "Unknown field '" + unknown.getPropertyName() + "'", path(unknown));
        }
        if (cause instanceof StreamConstraintsException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "The request body exceeds a JSON limit: nesting depth, or length of a string, number or name");
        }
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof JsonParseException) {
                return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", NOT_JSON);
            }
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TYPE",
                    "Field '" + path(mapping) + "' has the wrong type or value", path(mapping));
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", NOT_JSON);
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

    /** SQLSTATE class 22, a data exception: PostgreSQL refused a value the request carried. */
    private static boolean refusedData(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is a connection exception, 53 insufficient resources (too many connections, disk full), 57
     * an operator's intervention (shutdowns, a server still starting, a cancelled statement), 58 a system error. A
     * transaction that could not be begun, committed or rolled back means the same: the pool's connection is gone.
     */
    private static boolean lostDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && UNAVAILABLE_STATES.contains(sql.getSQLState().substring(0, Math.min(2,
                    sql.getSQLState().length())))) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** Whether a connection from the pool answers now; asked only on the way to a 500. */
    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
