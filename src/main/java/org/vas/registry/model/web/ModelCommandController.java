package org.vas.registry.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.ModelNotFoundException;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.model.command.DisableModel;
import org.vas.registry.model.command.DisableVersion;
import org.vas.registry.model.command.EnableModel;
import org.vas.registry.model.command.EnableVersion;
import org.vas.registry.model.command.ModelCommands;
import org.vas.registry.model.command.RegisterModel;
import org.vas.registry.model.command.RetireModel;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.ModelFilter;
import org.vas.registry.model.query.ModelPage;
import org.vas.registry.model.query.ModelQueries;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.PastModels;
import org.vas.registry.model.query.VersionView;

/**
 * The registry's HTTP API: a compatible superset of the platform's {@code /api/v1/ai-models}. Commands answer
 * once their events and the read model are committed, so the next read, from anyone, sees them.
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    static final String POSITION_HEADER = "Registry-Position";

    private final ModelCommands commands;
    private final ModelQueries queries;
    private final PastModels past;

    ModelController(ModelCommands commands, ModelQueries queries, PastModels past) {
        this.commands = commands;
        this.queries = queries;
        this.past = past;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> register(@RequestBody RegisterModelRequest request) {
        if (request.modelId() == null) {
            throw new InvalidInputException("INVALID_MODEL_ID", "model_id", "model_id is required");
        }
        ModelId modelId = ModelId.of(request.modelId());
        commands.send(new RegisterModel(modelId, request.name(), request.description(),
                request.supportedTasks(), request.tags()));
        ModelView model = current(modelId);
        return ResponseEntity.created(URI.create("/api/v1/ai-models/" + modelId))
                .eTag(Revisions.etag(model.revision()))
                .header(POSITION_HEADER, Long.toString(model.position()))
                .body(model);
    }

    @GetMapping
    ResponseEntity<ModelListResponse> list(@RequestParam(required = false) Boolean enabled,
                                           @RequestParam(required = false) String task,
                                           @RequestParam(required = false) String q,
                                           @RequestParam(name = "tag", required = false) List<String> tags,
                                           @RequestParam(name = "include_retired", defaultValue = "false")
                                           boolean includeRetired,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor,
                                           @RequestParam(name = "as_of", required = false) String asOf,
                                           @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                           String ifNoneMatch) {
        if (limit != null && (limit < 1 || limit > ModelQueries.MAX_LIMIT)) {
            throw new InvalidInputException("INVALID_LIMIT", "limit",
                    "limit must be between 1 and " + ModelQueries.MAX_LIMIT);
        }
        ModelFilter filter = new ModelFilter(enabled, task, q, tags, includeRetired);
        int pageSize = limit == null ? ModelQueries.MAX_LIMIT : limit;
        AsOf then = AsOf.parse(asOf);
        if (then != null) {
            ModelPage page = past.list(filter, then, cursor, pageSize);
            return ResponseEntity.ok().body(new ModelListResponse(page.models(), page.total(), page.nextCursor()));
        }
        Optional<ModelQueries.RenderedPage> page = queries.list(filter, cursor, pageSize,
                version -> listEtag(version).equals(ifNoneMatch));
        if (page.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ifNoneMatch)
                    .cacheControl(CacheControl.noCache()).build();
        }
        ModelQueries.RenderedPage models = page.get();
        return ResponseEntity.ok().eTag(listEtag(models.stateVersion())).cacheControl(CacheControl.noCache())
                .body(new ModelListResponse(models.models(), models.total(), models.nextCursor()));
    }

    @GetMapping("/{modelId}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ModelView.class)))
    ResponseEntity<Object> get(@PathVariable String modelId,
                               @RequestParam(name = "as_of", required = false) String asOf,
                               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                               String ifNoneMatch) {
        ModelId id = ModelId.of(modelId);
        AsOf then = AsOf.parse(asOf);
        if (then != null) {
            return ResponseEntity.ok(past.model(id, then).orElseThrow(() -> new ModelNotFoundException(id)));
        }
        // The revision alone answers a conditional read, and names the rendering of an unchanged model.
        long revision = queries.revision(id).orElseThrow(() -> new ModelNotFoundException(id));
        if (Revisions.etag(revision).equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ifNoneMatch)
                    .cacheControl(CacheControl.noCache()).build();
        }
        ModelQueries.RenderedModel model = queries.rendered(id, revision)
                .orElseThrow(() -> new ModelNotFoundException(id));
        return ResponseEntity.ok().eTag(Revisions.etag(model.revision())).cacheControl(CacheControl.noCache())
                .body(model.document());
    }

    @PatchMapping(path = "/{modelId}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ModelView> update(@PathVariable String modelId, @RequestBody JsonNode patch,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(MetadataPatch.toCommand(id, patch, Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PostMapping(path = "/{modelId}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionView> addVersion(@PathVariable String modelId, @RequestBody AddVersionRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch) {
        ModelId id = ModelId.of(modelId);
        if (request.version() == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        VersionNumber version = VersionNumber.of(request.version());
        boolean added = commands.send(new AddModelVersion(id, version, request.configSchema(),
                request.performance(), request.input(), request.output(), request.hardware(), request.limits(),
                request.capabilities(), Revisions.fromIfMatch(ifMatch)));
        VersionView view = queries.version(id, version).orElseThrow(() -> new VersionNotFoundException(id, version));
        ModelView model = current(id);
        ResponseEntity.BodyBuilder response = added
                ? ResponseEntity.created(URI.create("/api/v1/ai-models/" + id + "/versions/" + version))
                : ResponseEntity.ok();
        return response.eTag(Revisions.etag(model.revision()))
                .header(POSITION_HEADER, Long.toString(model.position()))
                .body(view);
    }

    @GetMapping("/{modelId}/versions")
    VersionListResponse versions(@PathVariable String modelId) {
        ModelId id = ModelId.of(modelId);
        current(id);
        List<VersionView> versions = queries.versions(id);
        return new VersionListResponse(id.value(), versions, versions.size());
    }

    @GetMapping("/{modelId}/versions/{version}")
    VersionView version(@PathVariable String modelId, @PathVariable String version) {
        ModelId id = ModelId.of(modelId);
        VersionNumber number = VersionNumber.of(version);
        current(id);
        return queries.version(id, number).orElseThrow(() -> new VersionNotFoundException(id, number));
    }

    @PostMapping("/{modelId}/enable")
    ResponseEntity<ModelView> enable(@PathVariable String modelId,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new EnableModel(id, Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PostMapping(path = "/{modelId}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> disable(@PathVariable String modelId, @RequestBody ReasonRequest request,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new DisableModel(id, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PostMapping("/{modelId}/versions/{version}/enable")
    ResponseEntity<ModelView> enableVersion(@PathVariable String modelId, @PathVariable String version,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new EnableVersion(id, VersionNumber.of(version), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PostMapping(path = "/{modelId}/versions/{version}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> disableVersion(@PathVariable String modelId, @PathVariable String version,
                                             @RequestBody ReasonRequest request,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new DisableVersion(id, VersionNumber.of(version), request.reason(),
                Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PostMapping(path = "/{modelId}/retire", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> retire(@PathVariable String modelId, @RequestBody ReasonRequest request,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new RetireModel(id, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    /** A command's answer: the model as every later read will see it, and the log position that shows it. */
    private ResponseEntity<ModelView> answer(ModelId id) {
        ModelView model = current(id);
        return ResponseEntity.ok().eTag(Revisions.etag(model.revision()))
                .header(POSITION_HEADER, Long.toString(model.position()))
                .body(model);
    }

    private ModelView current(ModelId id) {
        return queries.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    private static String listEtag(long stateVersion) {
        return "\"list-" + stateVersion + "\"";
    }
}
