package org.vas.registry.access.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.access.ApiKeyService;
import org.vas.registry.access.query.ApiKeyView;
import org.vas.registry.access.query.ApiKeys;

/** Admins issue, list and revoke API keys. A key's secret is in the issuing answer only. */
@RestController
@RequestMapping(path = "/api/v1/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController {

    private final ApiKeyService service;
    private final ApiKeys keys;

    ApiKeyController(ApiKeyService service, ApiKeys keys) {
        this.service = service;
        this.keys = keys;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "issueApiKey", tags = "Access", summary = "Issue an API key", description = """
            Issues a key with a name, roles (reader, admin, auditor) and an optional expiry. The key is in this \
            answer only; the registry keeps only a keyed hash of it. Issuing is recorded in the log.""")
    @ApiResponse(responseCode = "201", description = "Issued; the key is shown this once", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, ref = HttpHeaders.LOCATION))
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    ResponseEntity<IssuedKeyResponse> issue(@RequestBody IssueKeyRequest request) {
        ApiKeyService.Issued issued = service.issue(request.name(), request.roles(), request.expiresAt());
        ApiKeyView view = keys.find(issued.id()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.id()))
                .body(new IssuedKeyResponse(issued.key(), view));
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", tags = "Access", summary = "List API keys",
            description = "Every key with its name, roles, status and times; never a secret or a hash.")
    @ApiResponse(responseCode = "200", description = "The keys", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    ApiKeyListResponse list() {
        return new ApiKeyListResponse(keys.all());
    }

    /** Revocation takes effect on the next request; revoking a revoked key changes nothing. */
    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeApiKey", tags = "Access", summary = "Revoke an API key", description = """
            The key is refused from the next request on. Revoking is recorded in the log; revoking a revoked key \
            changes nothing.""")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    ResponseEntity<Void> revoke(@Parameter(description = "The key's id",
                                        example = "apikey:5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f")
                                @PathVariable String id) {
        if (keys.find(id).isEmpty()) {
            throw new UnknownApiKeyException(id);
        }
        service.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
