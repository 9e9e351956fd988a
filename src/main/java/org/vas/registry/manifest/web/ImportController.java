package org.vas.registry.manifest.web;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.infrastructure.web.Problems;
import org.vas.registry.manifest.ImportReport;
import org.vas.registry.manifest.MalformedManifestException;
import org.vas.registry.manifest.ManifestImporter;
import org.vas.registry.manifest.ManifestRejectedException;

/**
 * {@code POST /api/v1/ai-models/import}: the platform's {@code model.yaml} manifests, one or a batch, as YAML or
 * JSON. Refusals that concern particular manifests list every problem with its manifest and field, which the
 * registry's generic problem shape has no room for, so they are answered here.
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE)
class ImportController {

    static final String APPLICATION_YAML = "application/yaml";

    private final ManifestImporter importer;

    ImportController(ManifestImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/import", consumes = {APPLICATION_YAML, "application/x-yaml", "text/yaml",
            MediaType.APPLICATION_JSON_VALUE})
    ImportReport importManifests(@RequestBody byte[] body,
                                 @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                 @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                 @RequestParam(name = "enable", defaultValue = "false") boolean enable) {
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(contentType);
        return importer.importManifests(body, json, dryRun, enable);
    }

    @ExceptionHandler(ManifestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ManifestRejectedException e) {
        HttpStatus status = e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = Problems.of(status, e.conflict() ? "MANIFEST_CONFLICT" : "INVALID_MANIFEST",
                e.getMessage());
        problem.setProperty("errors", e.problems());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MalformedManifestException.class)
    ResponseEntity<ProblemDetail> malformed(MalformedManifestException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_MANIFEST", e.getMessage()));
    }
}
