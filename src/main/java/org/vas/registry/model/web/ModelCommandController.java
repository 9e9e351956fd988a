package org.vas.registry.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(operationId = "registerModel", tags = "Models", summary = "Register a model", description = """
            Registers a model under an id that has never been used. It starts disabled and without versions. \
            Location names the model, ETag is its revision.""")
    @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true, headers = {
            @Header(name = HttpHeaders.LOCATION, ref = HttpHeaders.LOCATION),
            @Header(name = HttpHeaders.ETAG, ref = "ETag"), @Header(name = POSITION_HEADER, ref = POSITION_HEADER)})
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
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

    @Operation(operationId = "updateModel", tags = "Models", summary = "Update a model's metadata",
            description = """
            A JSON merge patch (RFC 7396) of name, description, supported_tasks and tags. If-Match makes it \
            conditional on the revision. A patch that changes nothing records nothing.""")
    @ApiResponse(responseCode = "200", description = "The model after the update", useReturnTypeSchema = true,
            headers = {
            @Header(name = HttpHeaders.ETAG, ref = "ETag"), @Header(name = POSITION_HEADER, ref = POSITION_HEADER)})
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    @ApiResponse(responseCode = "412", ref = "PRECONDITION_FAILED")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    @PatchMapping(path = "/{modelId}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ModelView> update(@Parameter(ref = "modelId") @PathVariable String modelId, @RequestBody JsonNode patch,
                                     @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(MetadataPatch.toCommand(id, patch, Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "addVersion", tags = "Versions", summary = "Add a version", description = """
            Adds an immutable SemVer version with its declarative contract (config_schema, performance, input, \
            output, hardware, limits, capabilities). It starts enabled. The same content again is a 200 that \
            records nothing; other content under an existing version is a conflict.""")
    @ApiResponse(responseCode = "201", description = "Added; Location names the version",
            useReturnTypeSchema = true, headers = {@Header(name = HttpHeaders.LOCATION, ref = HttpHeaders.LOCATION),
                    @Header(name = HttpHeaders.ETAG, ref = "ETag"),
                    @Header(name = POSITION_HEADER, ref = POSITION_HEADER)})
    @ApiResponse(responseCode = "200", description = "Already there with the same content; nothing recorded",
            useReturnTypeSchema = true, headers = {@Header(name = HttpHeaders.ETAG, ref = "ETag"),
                    @Header(name = POSITION_HEADER, ref = POSITION_HEADER)})
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    @ApiResponse(responseCode = "412", ref = "PRECONDITION_FAILED")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    @PostMapping(path = "/{modelId}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionView> addVersion(@Parameter(ref = "modelId") @PathVariable String modelId, @RequestBody AddVersionRequest request,
                                           @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
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

    @Operation(operationId = "enableModel", tags = "Models", summary = "Enable a model", description = """
            Allows the model to be assigned. Enabling an enabled model records nothing.""")
    @ModelCommandAnswers.Bodiless
    @PostMapping("/{modelId}/enable")
    ResponseEntity<ModelView> enable(@Parameter(ref = "modelId") @PathVariable String modelId,
                                     @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new EnableModel(id, Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "disableModel", tags = "Models", summary = "Disable a model", description = """
            Stops the model from being assigned; a reason is required.""")
    @ModelCommandAnswers.WithBody
    @PostMapping(path = "/{modelId}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> disable(@Parameter(ref = "modelId") @PathVariable String modelId, @RequestBody ReasonRequest request,
                                      @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new DisableModel(id, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "enableVersion", tags = "Versions", summary = "Enable a version", description = """
            Allows the version to be resolved and assigned again.""")
    @ModelCommandAnswers.Bodiless
    @PostMapping("/{modelId}/versions/{version}/enable")
    ResponseEntity<ModelView> enableVersion(@Parameter(ref = "modelId") @PathVariable String modelId, @Parameter(ref = "version") @PathVariable String version,
                                            @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new EnableVersion(id, VersionNumber.of(version), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "disableVersion", tags = "Versions", summary = "Disable a version", description = """
            Stops the version from being resolved or assigned; a reason is required.""")
    @ModelCommandAnswers.WithBody
    @PostMapping(path = "/{modelId}/versions/{version}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> disableVersion(@Parameter(ref = "modelId") @PathVariable String modelId, @Parameter(ref = "version") @PathVariable String version,
                                             @RequestBody ReasonRequest request,
                                             @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch) {
        ModelId id = ModelId.of(modelId);
        VersionNumber number = VersionNumber.of(version);
        commands.send(new DisableVersion(id, number, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(current(id).withWarningsAboutDisabled(number.value()));
    }

    /** Make an enabled version the default; rolling back is promoting the previous one again. */
    @PostMapping(path = "/{modelId}/versions/{version}/promote", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "promoteVersion", tags = "Versions", summary = "Promote a version to the default",
            description = """
            Makes an enabled version the default: assignments without model_version resolve to it, and discovery \
            shows its config_schema. A reason is required; the event records the previous default, and rolling \
            back is promoting it again. A disabled version is a conflict, an unknown one is not found. Promoting \
            the default records nothing.""")
    @ModelCommandAnswers.WithBody
    ResponseEntity<ModelView> promote(@Parameter(ref = "modelId") @PathVariable String modelId,
                                      @Parameter(ref = "version") @PathVariable String version,
                                      @RequestBody ReasonRequest request,
                                      @Parameter(ref = "If-Match")
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new PromoteVersion(id, VersionNumber.of(version), request.reason(),
                Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "moveAlias", tags = "Versions", summary = "Point an alias at a version", description = """
            Creates or moves a named pointer (^[a-z][a-z0-9_-]{0,31}$, not default) to an enabled version, with a \
            reason. Assignments name it as model_version @alias. The event records where it pointed before. \
            Pointing it where it points records nothing.""")
    @ModelCommandAnswers.WithBody
    @PutMapping(path = "/{modelId}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> moveAlias(@Parameter(ref = "modelId") @PathVariable String modelId,
                                        @Parameter(description = "The alias", example = "canary")
                                        @PathVariable String alias,
                                        @RequestBody AliasRequest request,
                                        @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                        String ifMatch) {
        ModelId id = ModelId.of(modelId);
        if (request.version() == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        commands.send(new MoveAlias(id, alias, VersionNumber.of(request.version()), request.reason(),
                Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "removeAlias", tags = "Versions", summary = "Remove an alias", description = """
            Removes the alias, with a reason; assignments that name it become invalid (UNKNOWN_ALIAS). Removing an \
            alias the model does not have records nothing.""")
    @ModelCommandAnswers.WithBody
    @DeleteMapping(path = "/{modelId}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> removeAlias(@Parameter(ref = "modelId") @PathVariable String modelId,
                                          @Parameter(description = "The alias", example = "canary")
                                          @PathVariable String alias,
                                          @RequestBody ReasonRequest request,
                                          @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                          String ifMatch) {
        ModelId id = ModelId.of(modelId);
        commands.send(new RemoveAlias(id, alias, request.reason(), Revisions.fromIfMatch(ifMatch)));
        return answer(id);
    }

    @Operation(operationId = "retireModel", tags = "Models", summary = "Retire a model", description = """
            Retires the model for good, saying why. Its history stays; its id is never reused.""")
    @ModelCommandAnswers.WithBody
    @PostMapping(path = "/{modelId}/retire", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelView> retire(@Parameter(ref = "modelId") @PathVariable String modelId, @RequestBody ReasonRequest request,
                                     @Parameter(ref = "If-Match") @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
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
