package org.vas.registry.infrastructure.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An example of every schema of the API, telling one story: the platform's geo-fencing model. */
final class SchemaExamples {

    private static final String CREATED = "2026-11-25T09:00:00Z";
    private static final String UPDATED = "2026-11-25T09:05:00Z";
    private static final Map<String, Object> CONFIG_SCHEMA = Map.of("zones", Map.of("type", "array",
            "description", "List of zones to monitor", "items", Map.of("type", "object",
                    "properties", Map.of("id", Map.of("type", "string"), "points", Map.of("type", "array",
                            "items", Map.of("type", "array", "items", Map.of("type", "number")))))));
    private static final Map<String, Object> PERFORMANCE = object("recommended_fps", 5, "max_fps", 15,
            "inference_time_hint_ms", 100);
    private static final Map<String, Object> INPUT = object("type", "frame", "format", "raw_bgr", "min_width", 320,
            "min_height", 240);
    private static final Map<String, Object> OUTPUT = object("schema_version", "1.0", "schema",
            Map.of("violation_detected", Map.of("type", "boolean")));
    private static final Map<String, Object> HARDWARE = object("supports_cpu", true, "supports_gpu", true,
            "min_ram_mb", 2048);
    private static final Map<String, Object> VERSION_SUMMARY = object("version", "1.0.0", "enabled", true,
            "pre_release", false, "created_at", CREATED, "status", "enabled");
    private static final Map<String, Object> MODEL = object("model_id", "geo_fencing", "name", "Geo-Fencing",
            "description", "Monitors restricted zones for unauthorized person entry",
            "supported_tasks", List.of("person_detection"), "config_schema", CONFIG_SCHEMA, "enabled", true,
            "created_at", CREATED, "updated_at", UPDATED, "retired", false, "status_reason", null, "revision", 2,
            "position", 7, "default_version", "1.0.0", "aliases", Map.of("stable", "1.0.0"),
            "tags", Map.of("team", "ruth"), "status", "enabled",
            "versions", List.of(VERSION_SUMMARY));
    private static final Map<String, Object> VERSION = object("model_id", "geo_fencing", "version", "1.0.0",
            "enabled", true, "pre_release", false, "status_reason", null, "config_schema", CONFIG_SCHEMA,
            "performance", PERFORMANCE, "input", INPUT, "output", OUTPUT, "hardware", HARDWARE,
            "limits", Map.of("max_memory_mb", 4096), "capabilities", Map.of("provides_bounding_boxes", true),
            "created_at", CREATED, "updated_at", CREATED, "status", "enabled");
    private static final Map<String, Object> ASSIGNMENT = object("camera_id", "4f0b7a3e-8a7e-4d55-9c33-0d2f6a1b2c3d",
            "model_id", "geo_fencing", "enabled", true, "desired_fps", 20, "priority", 50,
            "parameters", Map.of("zones", List.of(Map.of("id", "gate", "points", List.of(List.of(0, 0),
                    List.of(10, 0), List.of(10, 10))))), "model_version", "1.0.0");
    private static final Map<String, Object> VIOLATION = object("code", "FPS_ABOVE_MAX",
            "message", "desired_fps 20 is above version 1.0.0's max_fps of 15", "field", "desired_fps");
    private static final Map<String, Object> RESULT = object("valid", false, "model_id", "geo_fencing",
            "resolved_version", "1.0.0", "violations", List.of(VIOLATION));
    private static final Map<String, Object> PREVIEW_RESULT = object("now", RESULT,
            "then", object("valid", true, "model_id", "geo_fencing", "resolved_version", "2.0.0",
                    "violations", List.of()),
            "new_violations", List.of());
    private static final Map<String, Object> EVENT = object("position", 9, "model_id", "geo_fencing",
            "revision", 3, "type", "ModelDisabled", "occurred_at", UPDATED, "actor", "ops-admin",
            "reason", "False alarms at night; under review", "correlation_id", "incident-4711",
            "causation_id", "6a1f0c2e-2b7d-4d0e-9a43-3f1c2b9d8e77",
            "data", object("model_id", "geo_fencing", "reason", "False alarms at night; under review"));
    private static final Map<String, Object> API_KEY = object("id", "apikey:5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
            "name", "ruth-core", "roles", List.of("reader"), "created_at", CREATED, "created_by",
            "apikey:bootstrap-admin", "expires_at", "2027-11-25T00:00:00Z", "revoked_at", null, "revoked_by", null,
            "last_used_at", UPDATED, "status", "active");
    private static final Map<String, Object> PROJECTION = object("name", "model-projection", "mode", "subscribing",
            "position", 412, "head", 412, "lag", 0);
    private static final Map<String, Object> DIFFERENCE = object("model_id", "geo_fencing", "version", null,
            "field", "enabled", "expected", false, "actual", true);
    private static final Map<String, Object> PLANNED = object("type", "AddModelVersion", "version", "1.0.0");
    private static final Map<String, Object> MODEL_REPORT = object("model_id", "geo_fencing",
            "format", "contract-1.0.0", "manifests", List.of(0), "outcome", "created",
            "commands", List.of(Map.of("type", "RegisterModel"), PLANNED),
            "default_version", object("before", null, "after", "1.0.0"));

    private static final String CHAIN_HASH = "9488a03006a61f38cfccfc9ead48f0eb9ee7af019d4162fd54a62e478ae51e45";
    private static final String KEY_ID = "5b1ee1f2b4c2a2d64a0e35cfb1e2f1d0f6b8a0c7e4f6c1d9b2a3e4f5a6b7c8d9";
    private static final Map<String, Object> CHAIN_BREAK = object("position", 399, "kind", "changed",
            "detail", "the stored event is not the one that was chained");
    private static final Map<String, Object> CHAIN_ORIGIN = object("chained_up_to", 120, "chained_events", 118,
            "chained_at", CREATED, "format", 1);
    private static final Map<String, Object> CHECKPOINT = object("position", 412, "hash", CHAIN_HASH,
            "time", UPDATED, "algorithm", "Ed25519", "key_id", KEY_ID,
            "signature", "3VJ2mXo8c0m1oGq7mJ4l1Z5F3q9bX9yT0Q8d2u6bN4k7xS1eR5wP0aV3cH6jL9nM2oQ4rT7uW0yZ3bD6fG9hA==",
            "signed_text", "ai-model-registry checkpoint 1\nposition 412\nhash " + CHAIN_HASH + "\ntime "
                    + UPDATED + "\n");

    static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("RegisterModelRequest", object("model_id", "geo_fencing", "name", "Geo-Fencing",
                    "description", "Monitors restricted zones for unauthorized person entry",
                    "supported_tasks", List.of("person_detection"), "tags", Map.of("team", "ruth"))),
            Map.entry("AddVersionRequest", object("version", "1.0.0", "config_schema", CONFIG_SCHEMA,
                    "performance", PERFORMANCE, "input", INPUT, "output", OUTPUT, "hardware", HARDWARE,
                    "limits", Map.of("max_memory_mb", 4096), "capabilities", Map.of("provides_bounding_boxes", true))),
            Map.entry("ReasonRequest", object("reason", "False alarms at night; under review")),
            Map.entry("AliasRequest", object("version", "2.0.0", "reason", "Two loading docks first")),
            Map.entry("Warning", object("code", "DEFAULT_VERSION_DISABLED", "message",
                    "Version 1.0.0 is the default of model 'geo_fencing' and is disabled: assignments without "
                            + "model_version are invalid (VERSION_DISABLED) until it is enabled again or another "
                            + "version is promoted")),
            Map.entry("PreviewResult", PREVIEW_RESULT),
            Map.entry("RolloutPreview", object("model_id", "geo_fencing", "version", "2.0.0",
                    "current_default", "1.0.0", "results", List.of(PREVIEW_RESULT), "total", 1, "valid_now", 0,
                    "valid_then", 1, "changed", 1)),
            Map.entry("DefaultChange", object("before", null, "after", "1.0.0")),
            Map.entry("Performance", PERFORMANCE),
            Map.entry("ModelView", MODEL),
            Map.entry("ModelListResponse", object("models", List.of(MODEL), "total", 1, "next_cursor", null)),
            Map.entry("VersionSummary", VERSION_SUMMARY),
            Map.entry("VersionView", VERSION),
            Map.entry("VersionListResponse", object("model_id", "geo_fencing", "versions", List.of(VERSION),
                    "total", 1)),
            Map.entry("EventView", EVENT),
            Map.entry("HistoryResponse", object("model_id", "geo_fencing", "events", List.of(EVENT),
                    "next_after_revision", null)),
            Map.entry("FeedResponse", object("events", List.of(EVENT), "next_after", 9, "head", 12)),
            Map.entry("RebuildReport", object("name", "model-projection", "models", 40, "events_applied", 412,
                    "position", 412, "duration_ms", 380)),
            Map.entry("ApiKeyListResponse", object("api_keys", List.of(API_KEY))),
            Map.entry("Status", PROJECTION),
            Map.entry("ProjectionsResponse", object("projections", List.of(PROJECTION), "head", 412)),
            Map.entry("Activity", object("model_id", "geo_fencing", "last_event_type", "ModelDisabled",
                    "last_actor", "admin", "last_reason", "False alarms at night; under review",
                    "last_changed_at", UPDATED, "event_count", 4, "position", 412)),
            Map.entry("Difference", DIFFERENCE),
            Map.entry("IssueKeyRequest", object("name", "ruth-core", "roles", List.of("reader"),
                    "expires_at", "2027-11-25T00:00:00Z")),
            Map.entry("ApiKeyView", API_KEY),
            Map.entry("IssuedKeyResponse", object("key", "amr_3q2-Vt0w1dZg8yJxH5kqYV8m0rNfQ2sLbE7cUaT4pWo",
                    "api_key", API_KEY)),
            Map.entry("Report", object("consistent", false, "checked", 40, "position", 412,
                    "differences", List.of(DIFFERENCE))),
            Map.entry("ChainBreak", CHAIN_BREAK),
            Map.entry("ChainOrigin", CHAIN_ORIGIN),
            Map.entry("ChainReport", object("intact", false, "head_position", 411, "head_hash", CHAIN_HASH,
                    "events_checked", 398, "first_break", CHAIN_BREAK, "origin", CHAIN_ORIGIN,
                    "checked_at", UPDATED)),
            Map.entry("CheckpointResponse", CHECKPOINT),
            Map.entry("PublicKeyResponse", object("algorithm", "Ed25519", "key_id", KEY_ID, "public_key",
                    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
                            + "-----END PUBLIC KEY-----\n")),
            Map.entry("ProofResponse", object("from", 412, "hash", CHAIN_HASH, "extends_checkpoint", true,
                    "first_break", null, "head", CHECKPOINT)),
            Map.entry("AssignmentRequest", ASSIGNMENT),
            Map.entry("BatchRequest", object("assignments", List.of(ASSIGNMENT))),
            Map.entry("Violation", VIOLATION),
            Map.entry("ValidationResult", RESULT),
            Map.entry("BatchResponse", object("results", List.of(RESULT), "total", 1, "valid", 0)),
            Map.entry("PlannedCommand", PLANNED),
            Map.entry("ModelReport", MODEL_REPORT),
            Map.entry("ImportReport", object("dry_run", true, "enable", false, "promote", false, "manifests", 1,
                    "commands", 2,
                    "models", List.of(MODEL_REPORT))),
            Map.entry("ManifestProblem", object("manifest", 1, "model_id", "geo_fencing", "field",
                    "performance.max_fps", "code", "INVALID_TYPE", "message",
                    "$.performance.max_fps: string found, integer expected")),
            Map.entry("Problem", object("type", "urn:problem-type:ai-model-registry:model-not-found",
                    "title", "Not Found", "status", 404, "detail", "Model 'geo_fencing' is not registered",
                    "instance", "/api/v1/ai-models/geo_fencing", "code", "MODEL_NOT_FOUND")));

    private SchemaExamples() {
    }

    /** Keeps the order written, and allows the nulls a real answer has. */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
