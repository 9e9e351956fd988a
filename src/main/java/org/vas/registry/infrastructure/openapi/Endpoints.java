package org.vas.registry.infrastructure.openapi;

import static org.vas.registry.infrastructure.openapi.DocumentedProblems.BAD_REQUEST;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.CONFLICT;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.DATABASE_UNAVAILABLE;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.INTERNAL_ERROR;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.MANIFEST_CONFLICT;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.MANIFEST_INVALID;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.NOT_FOUND;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.PAYLOAD_TOO_LARGE;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.PRECONDITION_FAILED;
import static org.vas.registry.infrastructure.openapi.DocumentedProblems.UNSUPPORTED_MEDIA_TYPE;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every operation of the API with what its reader needs: what it does, what it answers, how it refuses. */
enum Endpoints {

    LIST("GET", "", "Models", "List models",
            "Newest first, filtered by enabled, task, text (q, in name and description) and tags (tag=key or "
                    + "tag=key:value, all must match); retired models only with include_retired. Paged by "
                    + "cursor. The ETag identifies the read model state: If-None-Match answers 304. With as_of (an "
                    + "RFC 3339 instant or a log position) the list is rebuilt from the log as it stood then.",
            ok("A page of models", "304", "Not modified since the ETag given in If-None-Match"),
            BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    REGISTER("POST", "", "Models", "Register a model",
            "Registers a model under an id that has never been used. It starts disabled and without versions.",
            Map.of("201", "Registered; Location names the model, ETag is its revision"),
            BAD_REQUEST, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    GET("GET", "/{modelId}", "Models", "Get a model",
            "The model with its versions; config_schema is the default version's. ETag is the model's revision. "
                    + "With as_of (an RFC 3339 instant or a log position) the model as it was then, rebuilt from "
                    + "the log.",
            ok("The model", "304", "Not modified since the ETag given in If-None-Match"),
            BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    UPDATE("PATCH", "/{modelId}", "Models", "Update a model's metadata",
            "A JSON merge patch (RFC 7396) of name, description, supported_tasks and tags. If-Match makes it "
                    + "conditional on the revision. A patch that changes nothing records nothing.",
            ok("The model after the update"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    ADD_VERSION("POST", "/{modelId}/versions", "Versions", "Add a version",
            "Adds an immutable SemVer version with its declarative contract (config_schema, performance, input, "
                    + "output, hardware, limits, capabilities). It starts enabled. A model's first version becomes "
                    + "its default; a later one is not resolved without model_version until it is promoted. The "
                    + "same content again is a 200 that records nothing; other content under an existing version "
                    + "is a conflict.",
            Map.of("201", "Added", "200", "Already there with the same content; nothing recorded"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    VERSIONS("GET", "/{modelId}/versions", "Versions", "List a model's versions",
            "Highest SemVer precedence first.", ok("The versions"),
            BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    VERSION("GET", "/{modelId}/versions/{version}", "Versions", "Get a version",
            "One version with its whole contract, exactly as it was added. {version} may be an alias: @canary, "
                    + "or @default for the default version.", ok("The version"),
            BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    ENABLE("POST", "/{modelId}/enable", "Models", "Enable a model",
            "Allows the model to be assigned. Enabling an enabled model records nothing.", ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    DISABLE("POST", "/{modelId}/disable", "Models", "Disable a model",
            "Stops the model from being assigned; a reason is required.", ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    ENABLE_VERSION("POST", "/{modelId}/versions/{version}/enable", "Versions", "Enable a version",
            "Allows the version to be resolved and assigned again.", ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    DISABLE_VERSION("POST", "/{modelId}/versions/{version}/disable", "Versions", "Disable a version",
            "Stops the version from being resolved or assigned; a reason is required. Disabling the default "
                    + "version or an alias's target is allowed: the default and aliases keep pointing at it, "
                    + "assignments resolved through them become invalid (VERSION_DISABLED, no fallback), and the "
                    + "answer carries a warning naming them.",
            ok("The model, with warnings when the version is the default or an alias's target"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    PROMOTE("POST", "/{modelId}/versions/{version}/promote", "Versions", "Promote a version to the default",
            "Makes an enabled version the default: assignments without model_version resolve to it, and "
                    + "discovery shows its config_schema. A reason is required; the event records the previous "
                    + "default, and rolling back is promoting it again. A disabled version is a conflict, an "
                    + "unknown one is not found. Promoting the default records nothing.",
            ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    PREVIEW("POST", "/{modelId}/versions/{version}/preview", "Versions", "Preview a promotion",
            "Up to 500 assignments (the bodies of validate-assignments), each validated as things are and as they "
                    + "would be with this version for the model's default, with the violations that would appear. "
                    + "Nothing is written.",
            ok("Each assignment's result now and then"),
            BAD_REQUEST, NOT_FOUND, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    MOVE_ALIAS("PUT", "/{modelId}/aliases/{alias}", "Versions", "Point an alias at a version",
            "Creates or moves a named pointer (^[a-z][a-z0-9_-]{0,31}$, not default) to an enabled version, with a "
                    + "reason. Assignments name it as model_version @alias. The event records where it pointed "
                    + "before. Pointing it where it points records nothing.",
            ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    REMOVE_ALIAS("DELETE", "/{modelId}/aliases/{alias}", "Versions", "Remove an alias",
            "Removes the alias, with a reason; assignments that name it become invalid (UNKNOWN_ALIAS). Removing "
                    + "an alias the model does not have records nothing.",
            ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    RETIRE("POST", "/{modelId}/retire", "Models", "Retire a model",
            "Retires the model for good, saying why. Its history stays; its id is never reused.", ok("The model"),
            BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    HISTORY("GET", "/{modelId}/history", "Models", "A model's history",
            "The model's events in order, each with its log position, revision, time, actor, reason and "
                    + "correlation id; paged by after_revision and limit.", ok("The events"),
            BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    ACTIVITY("GET", "/{modelId}/activity", "Audit", "Who last changed a model",
            "The model's last event, its actor and reason, its time and the model's event count, from the "
                    + "audit-activity tracking projection, which follows the log shortly behind the commands.",
            ok("The activity"),
            BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    VALIDATE("POST", "/validate-assignment", "Assignments", "Validate an assignment",
            "Whether a camera-to-model assignment is valid: model and version usable, fps within bounds, "
                    + "parameters valid against the version's config_schema. model_version is a version, an alias "
                    + "(@canary) or absent (the default, also @default). A semantic problem is a violation in "
                    + "a 200 answer; it fails closed. With as_of, the answer the registry would have given then.",
            ok("The verdict"),
            BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    VALIDATE_ALL("POST", "/validate-assignments", "Assignments", "Validate assignments",
            "Up to 500 assignments, answered in order from one read of the models they name.",
            ok("The verdicts"),
            BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    IMPORT("POST", "/import", "Import", "Import model.yaml manifests",
            "One manifest or a batch (multi-document YAML or a JSON array), in the contract format "
                    + "(contract_schema_version 1.0.0) or the legacy format. Each is validated against the JSON "
                    + "Schema of its format and the registry's rules; then the registry registers new models, "
                    + "updates changed metadata and adds new versions, all in one transaction. A second import of "
                    + "the same manifests records nothing. dry_run=true answers the plan and writes nothing. "
                    + "New models stay disabled unless enable=true. A new version is added without becoming the "
                    + "default (except a model's first) unless promote=true, which promotes each model's newest "
                    + "version; the answer shows each default that moves.",
            ok("What was done, or with dry_run what would be done, per model"),
            MANIFEST_INVALID, MANIFEST_CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE,
            INTERNAL_ERROR),
    FEED("GET", "/api/v1/registry/events", "Audit", "The change feed",
            "Every event of the registry after a log position, oldest first, optionally of some types (type, "
                    + "repeatable) or one model (model_id). Appends are serialized, so polling with next_after "
                    + "never misses an event, even one whose transaction committed late.",
            ok("A page of events"), BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    PROJECTIONS("GET", "/api/v1/admin/projections", "Audit", "Projection status",
            "Each projection's log position, the log's head and the lag between them.",
            ok("The projections"), BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    REBUILD("POST", "/api/v1/admin/projections/{name}/rebuild", "Audit", "Rebuild a projection",
            "Replays the whole log into fresh staging tables, then swaps them in atomically: readers never see a "
                    + "half-built read model, and commands keep working (they wait only for the swap).",
            ok("What the rebuild did"), BAD_REQUEST, NOT_FOUND, CONFLICT, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    VERIFY("GET", "/api/v1/admin/verify", "Audit", "Verify the read model, or the log",
            "Rebuilds the registry from the log in memory and compares it, field by field, with the read model. "
                    + "With log=true, recomputes the log's hash chain instead and names the first position that "
                    + "breaks it: an event changed, removed or inserted behind the registry's back.",
            ok("Whether they agree, and every difference; with log=true, whether the chain is intact"),
            BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    CHECKPOINT("GET", "/api/v1/registry/checkpoint", "Audit", "A signed checkpoint of the log",
            "The head of the log's hash chain (position and hash), recomputed from the events and signed with the "
                    + "registry's Ed25519 key over signed_text. Keep it outside the registry: a later proof or the "
                    + "offline verifier shows that the log still passes through it.",
            ok("The checkpoint"), BAD_REQUEST, CONFLICT, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    PUBLIC_KEY("GET", "/api/v1/registry/public-key", "Audit", "The checkpoints' public key",
            "The Ed25519 public key (PEM) that checkpoints are signed with, and its key_id (SHA-256 of the key).",
            ok("The public key"), BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    PROOF("GET", "/api/v1/registry/proof", "Audit", "Prove the log extends a checkpoint",
            "Recomputes the chain and checks that it passes through the checkpoint's position (from) with its "
                    + "hash, and is intact up to today's head; then signs the new head.",
            ok("Whether the log extends the checkpoint, the first break if not, and the new head if so"),
            BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    ISSUE_KEY("POST", "/api/v1/admin/api-keys", "Access", "Issue an API key",
            "Issues a key with a name, roles (reader, admin, auditor) and an optional expiry. The key is in this "
                    + "answer only; the registry keeps its SHA-256 hash. Issuing is recorded in the log.",
            Map.of("201", "Issued; the key is shown this once"),
            BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    LIST_KEYS("GET", "/api/v1/admin/api-keys", "Access", "List API keys",
            "Every key with its name, roles, status and times; never a secret or a hash.", ok("The keys"),
            BAD_REQUEST, DATABASE_UNAVAILABLE, INTERNAL_ERROR),
    REVOKE_KEY("DELETE", "/api/v1/admin/api-keys/{id}", "Access", "Revoke an API key",
            "The key is refused from the next request on. Revoking is recorded in the log; revoking a revoked key "
                    + "changes nothing.",
            Map.of("204", "Revoked"), BAD_REQUEST, NOT_FOUND, DATABASE_UNAVAILABLE, INTERNAL_ERROR);

    static final String BASE = "/api/v1/ai-models";

    private final String method;
    private final String path;
    private final String tag;
    private final String summary;
    private final String description;
    private final Map<String, String> successes;
    private final List<DocumentedProblems> problems;

    Endpoints(String method, String path, String tag, String summary, String description,
              Map<String, String> successes, DocumentedProblems... problems) {
        this.method = method;
        this.path = path.startsWith("/api/") ? path : BASE + path;
        this.tag = tag;
        this.summary = summary;
        this.description = description;
        this.successes = new TreeMap<>(successes);
        this.problems = List.of(problems);
    }

    static Optional<Endpoints> find(String method, String path) {
        return Arrays.stream(values()).filter(e -> e.method.equals(method) && e.path.equals(path)).findFirst();
    }

    String tag() {
        return tag;
    }

    String summary() {
        return summary;
    }

    String description() {
        return description;
    }

    Map<String, String> successes() {
        return successes;
    }

    List<DocumentedProblems> problems() {
        return problems;
    }

    private static Map<String, String> ok(String description) {
        return Map.of("200", description);
    }

    private static Map<String, String> ok(String description, String otherStatus, String otherDescription) {
        Map<String, String> successes = new LinkedHashMap<>();
        successes.put("200", description);
        successes.put(otherStatus, otherDescription);
        return successes;
    }
}
