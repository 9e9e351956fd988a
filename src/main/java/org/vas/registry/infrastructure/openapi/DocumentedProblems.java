package org.vas.registry.infrastructure.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The problem answers an operation can give, each with an example per stable code. */
enum DocumentedProblems {

    BAD_REQUEST(400, "The request is invalid; nothing was written",
            example(400, "INVALID_MODEL_ID", "model_id must match ^[a-z0-9][a-z0-9_-]{0,127}$", "model_id"),
            example(400, "UNKNOWN_FIELD", "Unknown field 'nmae'", "nmae"),
            example(400, "INVALID_TYPE", "Field 'performance.max_fps' has the wrong type or value",
                    "performance.max_fps"),
            example(400, "MALFORMED_JSON", "The request body is not valid JSON", null)),
    NOT_FOUND(404, "The model or version does not exist",
            example(404, "MODEL_NOT_FOUND", "Model 'geo_fencing' is not registered", null),
            example(404, "VERSION_NOT_FOUND", "Model 'geo_fencing' has no version 2.0.0", null),
            example(404, "API_KEY_NOT_FOUND", "There is no API key 'apikey:0f6e'", null),
            example(404, "PROJECTION_NOT_FOUND", "There is no projection called 'models'", null)),
    CONFLICT(409, "The registry's state does not allow it; nothing was written",
            example(409, "MODEL_ALREADY_EXISTS", "The model id is already registered; ids are never reused, "
                    + "even after retirement", "model_id"),
            example(409, "MODEL_RETIRED", "Model 'geo_fencing' is retired and accepts no further commands", null),
            example(409, "VERSION_CONFLICT", "Model 'geo_fencing' already has version 1.0.0 with different "
                    + "content; versions are immutable, add a new version instead", null),
            example(409, "CONCURRENT_MODIFICATION", "The model was changed by another command at the same time; "
                    + "nothing was written, retry", null),
            example(409, "API_KEY_NAME_TAKEN", "An unrevoked API key is already named 'ruth-core'", "name"),
            example(409, "REBUILD_IN_PROGRESS", "A rebuild of 'model-projection' is already running", null)),
    PRECONDITION_FAILED(412, "If-Match names a revision the model is no longer at",
            example(412, "STALE_REVISION", "Model 'geo_fencing' is at revision 4, not 3", null)),
    PAYLOAD_TOO_LARGE(413, "The request body exceeds registry.http.max-body-size",
            example(413, "PAYLOAD_TOO_LARGE", "The request body exceeds the limit of 1048576 bytes", null)),
    UNSUPPORTED_MEDIA_TYPE(415, "The Content-Type is not one this operation reads",
            example(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type 'text/plain' is not supported.", null)),
    NOT_ACCEPTABLE(406, "The Accept header names no media type this operation answers with",
            example(406, "NOT_ACCEPTABLE", "No acceptable representation", null)),
    UNAUTHORIZED(401, "No credential, or one that is unknown, revoked or expired (WWW-Authenticate says how)",
            example(401, "UNAUTHENTICATED", "A credential is required: X-API-Key or Authorization: Bearer", null)),
    FORBIDDEN(403, "The credential's roles do not allow this request",
            example(403, "FORBIDDEN", "The credential's roles do not allow this request", null)),
    TOO_MANY_FAILED_AUTHENTICATIONS(429, "Too many failed authentications from this address; see Retry-After",
            example(429, "TOO_MANY_FAILED_AUTHENTICATIONS", "Too many failed authentications from this address; "
                    + "retry later", null)),
    INTERNAL_ERROR(500, "A fault of the registry",
            example(500, "INTERNAL_ERROR", "The registry failed to handle the request", null)),
    DATABASE_UNAVAILABLE(503, "The database cannot be reached, or the read model has not reached "
            + "Registry-Min-Position; nothing was written. Retry after Retry-After",
            example(503, "DATABASE_UNAVAILABLE", "The registry's database cannot be reached; nothing was "
                    + "written. Retry later.", null),
            example(503, "READ_MODEL_BEHIND", "The read model is at position 410, not yet at 412", null)),
    MANIFEST_INVALID(400, "A manifest is invalid or unreadable; nothing was imported",
            manifestExample(400, "INVALID_MANIFEST", List.of(
                    manifestProblem(1, "performance.max_fps", "INVALID_TYPE", "$.performance.max_fps: string "
                            + "found, integer expected"),
                    manifestProblem(1, "version", "INVALID_VERSION", "$.version: does not match the regex "
                            + "pattern of Semantic Versioning"))),
            example(400, "MALFORMED_MANIFEST", "YAML aliases are not accepted in a manifest (line 12)", null)),
    MANIFEST_CONFLICT(409, "A manifest disagrees with what the registry holds; nothing was imported",
            manifestExample(409, "MANIFEST_CONFLICT", List.of(manifestProblem(0, "version", "VERSION_CONFLICT",
                    "Model 'geo_fencing' already has version 1.0.0 with different content; versions are "
                            + "immutable, add a new version instead"))));

    private final int code;
    private final String description;
    private final Map<String, Object> examples = new LinkedHashMap<>();

    @SafeVarargs
    DocumentedProblems(int code, String description, Map.Entry<String, Object>... examples) {
        this.code = code;
        this.description = description;
        for (Map.Entry<String, Object> example : examples) {
            this.examples.put(example.getKey(), example.getValue());
        }
    }

    int code() {
        return code;
    }

    String description() {
        return description;
    }

    Map<String, Object> examples() {
        return examples;
    }

    private static Map.Entry<String, Object> example(int status, String code, String detail, String field) {
        Map<String, Object> problem = problem(status, code, detail);
        if (field != null) {
            problem.put("field", field);
        }
        return Map.entry(code, problem);
    }

    private static Map.Entry<String, Object> manifestExample(int status, String code, List<Object> errors) {
        Map<String, Object> problem = problem(status, code, errors.size()
                + " problem(s) in the manifests; nothing was imported");
        problem.put("errors", errors);
        return Map.entry(code, problem);
    }

    private static Map<String, Object> problem(int status, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:problem-type:ai-model-registry:" + code.toLowerCase().replace('_', '-'));
        problem.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        return problem;
    }

    private static Object manifestProblem(int manifest, String field, String code, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("manifest", manifest);
        problem.put("model_id", "geo_fencing");
        problem.put("field", field);
        problem.put("code", code);
        problem.put("message", message);
        return problem;
    }
}
