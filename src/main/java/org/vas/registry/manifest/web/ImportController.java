package org.vas.registry.manifest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.manifest.ImportOptions;
import org.vas.registry.manifest.ImportReport;
import org.vas.registry.manifest.ManifestImporter;

/**
 * {@code POST /api/v1/ai-models/import}: the platform's {@code model.yaml} manifests, one or a batch, as YAML or
 * JSON. Refusals that concern particular manifests list every problem with its manifest and field (see
 * {@code ManifestRejectedException}).
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE)
class ImportController {

    static final String APPLICATION_YAML = "application/yaml";

    private static final String YAML_STREAM = "One model.yaml, or several as a multi-document YAML stream "
            + "(documents separated by ---)";
    private static final String MANIFEST = "A manifest, contract or legacy format; see "
            + "manifest-schemas/contract-1.0.0.json and manifest-schemas/legacy.json";
    private static final String YAML_EXAMPLE = """
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
    private static final String JSON_EXAMPLE = """
            [{"model_id": "yolov8n", "model_name": "YOLOv8 Nano", "model_version": "8.0.0",
              "supported_tasks": ["object_detection"], "input_format": "NV12", "expected_resolution": [640, 640],
              "resource_requirements": {"gpu_required": false, "gpu_memory_mb": 500, "cpu_fallback_allowed": true},
              "model_type": "pytorch", "model_weights": "weights/yolov8n.pt", "confidence_threshold": 0.5,
              "output_schema": {"type": "object_detection", "format": "xyxy", "classes": 80}}]""";

    private final ManifestImporter importer;

    ImportController(ManifestImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/import", consumes = {APPLICATION_YAML, "application/x-yaml", "text/yaml",
            MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "importManifests", tags = "Import", summary = "Import model.yaml manifests",
            description = """
            One manifest or a batch (multi-document YAML, or a JSON array or object), in the contract format \
            (contract_schema_version 1.0.0) or the legacy format. Each is validated against the JSON Schema of its \
            format and the registry's rules; then the registry registers new models, updates changed metadata and \
            adds new versions, all in one transaction. A second import of the same manifests records nothing. \
            dry_run=true answers the plan and writes nothing. New models stay disabled unless enable=true.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The manifests to import; every one is validated before anything is written",
                    content = {
                            @Content(mediaType = APPLICATION_YAML, schema = @Schema(type = "string",
                                    description = YAML_STREAM), examples = @ExampleObject(name = "geo_fencing",
                                    value = YAML_EXAMPLE)),
                            @Content(mediaType = "application/x-yaml", schema = @Schema(type = "string",
                                    description = YAML_STREAM)),
                            @Content(mediaType = "text/yaml", schema = @Schema(type = "string",
                                    description = YAML_STREAM)),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(
                                    arraySchema = @Schema(description = "Manifests as a JSON array; a single "
                                            + "manifest object is accepted too"),
                                    schema = @Schema(type = "object", description = MANIFEST)),
                                    examples = @ExampleObject(name = "yolov8n", value = JSON_EXAMPLE))}))
    @ApiResponse(responseCode = "200", description = "What was done, or with dry_run what would be done, per model",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "MANIFEST_INVALID")
    @ApiResponse(responseCode = "409", ref = "MANIFEST_CONFLICT")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    ImportReport importManifests(@RequestBody byte[] body,
                                 @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                 @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                 @RequestParam(name = "enable", defaultValue = "false") boolean enable,
                                 @RequestParam(name = "promote", defaultValue = "false") boolean promote) {
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(contentType);
        return importer.importManifests(body, json, new ImportOptions(dryRun, enable, promote));
    }
}
