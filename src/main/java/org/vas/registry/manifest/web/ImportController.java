package org.vas.registry.manifest.web;

import io.swagger.v3.oas.annotations.Parameter;
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

    private final ManifestImporter importer;

    ImportController(ManifestImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/import", consumes = {APPLICATION_YAML, "application/x-yaml", "text/yaml",
            MediaType.APPLICATION_JSON_VALUE})
    ImportReport importManifests(@RequestBody byte[] body,
                                 @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                 @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                 @RequestParam(name = "enable", defaultValue = "false") boolean enable,
                                 @RequestParam(name = "promote", defaultValue = "false") boolean promote) {
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(contentType);
        return importer.importManifests(body, json, new ImportOptions(dryRun, enable, promote));
    }
}
