package org.vas.registry.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.ModelNotFoundException;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.model.command.DisableModel;
import org.vas.registry.model.command.DisableVersion;
import org.vas.registry.model.command.EnableModel;
import org.vas.registry.model.command.EnableVersion;
import org.vas.registry.model.command.ModelCommands;
import org.vas.registry.model.command.MoveAlias;
import org.vas.registry.model.command.PromoteVersion;
import org.vas.registry.model.command.RegisterModel;
import org.vas.registry.model.command.RemoveAlias;
import org.vas.registry.model.command.RetireModel;
import org.vas.registry.model.query.ModelReads;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.VersionView;

/**
 * The models API's commands: a compatible superset of the platform's {@code /api/v1/ai-models}. Commands answer
 * once their events and the read model are committed, so the next read, from anyone, sees them.
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelCommandController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    static final String POSITION_HEADER = "Registry-Position";

    private final ModelCommands commands;
    private final ModelReads queries;

    ModelCommandController(ModelCommands commands, ModelReads queries) {
        this.commands = commands;
        this.queries = queries;
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
        VersionNumber number = VersionNumber.of(version);
        commands.send(new DisableVersion(id, number, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(current(id).withWarningsAboutDisabled(number.value()));
    }

    /** Make an enabled version the default; rolling back is promoting the previous one again. */
    @PostMapping(path = "/{modelId}/versions/{version}/promote", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> promote(@PathVariable String modelId, @PathVariable String version,
                                      @RequestBody ReasonRequest request,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new PromoteVersion(id, VersionNumber.of(version), request.reason(),
                Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @PutMapping(path = "/{modelId}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> moveAlias(@PathVariable String modelId, @PathVariable String alias,
                                        @RequestBody AliasRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                        String ifMatch) {
        ModelId id = ModelId.of(modelId);
        if (request.version() == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        commands.send(new MoveAlias(id, alias, VersionNumber.of(request.version()), request.reason(),
                Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @DeleteMapping(path = "/{modelId}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> removeAlias(@PathVariable String modelId, @PathVariable String alias,
                                          @RequestBody ReasonRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                          String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new RemoveAlias(id, alias, request.reason(), Revisions.fromIfMatch(ifMatch)));
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
        return answer(current(id));
    }

    private static ResponseEntity<ModelView> answer(ModelView model) {
        return ResponseEntity.ok().eTag(Revisions.etag(model.revision()))
                .header(POSITION_HEADER, Long.toString(model.position()))
                .body(model);
    }

    private ModelView current(ModelId id) {
        return queries.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }
}
