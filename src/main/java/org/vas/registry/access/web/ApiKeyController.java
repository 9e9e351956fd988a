package org.vas.registry.access.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
    ResponseEntity<IssuedKeyResponse> issue(@RequestBody IssueKeyRequest request) {
        ApiKeyService.Issued issued = service.issue(request.name(), request.roles(), request.expiresAt());
        ApiKeyView view = keys.find(issued.id()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.id()))
                .body(new IssuedKeyResponse(issued.key(), view));
    }

    @GetMapping
    Map<String, List<ApiKeyView>> list() {
        return Map.of("api_keys", keys.all());
    }

    /** Revocation takes effect on the next request; revoking a revoked key changes nothing. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (keys.find(id).isEmpty()) {
            throw new UnknownApiKeyException(id);
        }
        service.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
