package org.vas.registry.infrastructure.openapi;

import java.util.List;
import java.util.Map;

/** Request and response examples of the import, taken from the platform's own manifests. */
final class Examples {

    static final String YAML_MANIFEST = """
            contract_schema_version: "1.0.0"
            model_id: "geo_fencing"
            version: "1.0.0"
            display_name: "Geo-Fencing"
            description: "Monitors restricted zones for unauthorized person entry"
            input: {type: "frame", format: "raw_bgr", min_width: 320, min_height: 240}
            output:
              schema_version: "1.0"
              schema:
                violation_detected: {type: "boolean"}
            config_schema:
              zones:
                type: "array"
                items:
                  type: "object"
                  properties:
                    id: {type: "string"}
            hardware: {supports_cpu: true, supports_gpu: true, min_ram_mb: 2048}
            performance: {inference_time_hint_ms: 100, recommended_fps: 5, max_fps: 15}
            """;

    static final Map<String, Object> JSON_MANIFEST = Map.ofEntries(
            Map.entry("model_id", "yolov8n"),
            Map.entry("model_name", "YOLOv8 Nano"),
            Map.entry("model_version", "8.0.0"),
            Map.entry("supported_tasks", List.of("object_detection")),
            Map.entry("input_format", "NV12"),
            Map.entry("expected_resolution", List.of(640, 640)),
            Map.entry("resource_requirements", Map.of("gpu_required", false, "gpu_memory_mb", 500,
                    "cpu_fallback_allowed", true)),
            Map.entry("model_type", "pytorch"),
            Map.entry("model_weights", "weights/yolov8n.pt"),
            Map.entry("confidence_threshold", 0.5),
            Map.entry("output_schema", Map.of("type", "object_detection", "format", "xyxy", "classes", 80)));

    static final Map<String, Object> IMPORT_REPORT = Map.of(
            "dry_run", true,
            "enable", false,
            "promote", false,
            "manifests", 1,
            "commands", 2,
            "models", List.of(Map.of(
                    "model_id", "geo_fencing",
                    "format", "contract-1.0.0",
                    "manifests", List.of(0),
                    "outcome", "created",
                    "commands", List.of(Map.of("type", "RegisterModel"),
                            Map.of("type", "AddModelVersion", "version", "1.0.0")),
                    "default_version", Map.of("after", "1.0.0"))));

    private Examples() {
    }
}
