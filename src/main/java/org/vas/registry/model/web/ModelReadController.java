package org.vas.registry.model.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.AliasNotFoundException;
import org.vas.registry.model.ModelNotFoundException;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.ModelFilter;
import org.vas.registry.model.query.ModelPage;
import org.vas.registry.model.query.ModelPages;
import org.vas.registry.model.query.ModelReads;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.PastModels;
import org.vas.registry.model.query.ReadModelHead;
import org.vas.registry.model.query.VersionView;
import org.vas.registry.model.state.ModelState;

/**
 * The models API's reads, from the read model; with {@code as_of}, from the log as it stood then
 * ({@link PastModels}).
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelReadController {

    private final ModelReads queries;
    private final ModelPages pages;
    private final ListedPages listed;
    private final ReadModelHead head;
    private final PastModels past;

    ModelReadController(ModelReads queries, ModelPages pages, ListedPages listed, ReadModelHead head,
                        PastModels past) {
        this.queries = queries;
        this.pages = pages;
        this.listed = listed;
        this.head = head;
        this.past = past;
    }

    @GetMapping
    @Operation(operationId = "listModels", tags = "Models", summary = "List models", description = """
            Newest first, filtered by enabled, task, text (q, in name and description) and tags (tag=key or \
            tag=key:value, all must match); retired models only with include_retired. Paged by cursor: pass \
            next_cursor back until it is null. The ETag identifies the read model state: If-None-Match answers 304. \
            With as_of (an RFC 3339 instant or a log position) the list is rebuilt from the log as it stood then, \
            without an ETag.""")
    @ApiResponse(responseCode = "200", description = "A page of models",
            content = @Content(schema = @Schema(implementation = ModelListResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, ref = "ReadETag"))
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match",
            headers = @Header(name = HttpHeaders.ETAG, ref = "ReadETag"))
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    ResponseEntity<Object> list(@RequestParam(required = false) Boolean enabled,
                                @RequestParam(required = false) String task,
                                @RequestParam(required = false) String q,
                                @Parameter(description = "key or key:value (team:ruth); repeat "
                                        + "for several, all must match")
                                @RequestParam(name = "tag", required = false) List<String> tags,
                                @RequestParam(name = "include_retired", defaultValue = "false")
                                boolean includeRetired,
                                @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
                                @RequestParam(required = false) Integer limit,
                                @Parameter(description = "next_cursor of the previous page")
                                @RequestParam(required = false) String cursor,
                                @Parameter(ref = "as_of")
                                @RequestParam(name = "as_of", required = false) String asOf,
                                @Parameter(ref = "If-None-Match")
                                @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                String ifNoneMatch) {
        if (limit != null && (limit < 1 || limit > ModelPages.MAX_LIMIT)) {
            throw new InvalidInputException("INVALID_LIMIT", "limit",
                    "limit must be between 1 and " + ModelPages.MAX_LIMIT);
        }
        ModelFilter filter = new ModelFilter(enabled, task, q, tags, includeRetired);
        int pageSize = limit == null ? ModelPages.MAX_LIMIT : limit;
        AsOf then = AsOf.parse(asOf);
        if (then != null) {
            ModelPage page = past.list(filter, then, cursor, pageSize);
            return ResponseEntity.ok().body(new ModelListResponse(page.models(), page.total(), page.nextCursor()));
        }
        ListedPages.Request request = new ListedPages.Request(filter, cursor, pageSize);
        // A page answered before had a valid cursor; any other goes through the page read, which refuses a bad one.
        ListedPages.Listed answer = listed.find(request, head.version());
        if (answer != null && listEtag(answer.stateVersion()).equals(ifNoneMatch)) {
            return notModified(ifNoneMatch);
        }
        if (answer == null) {
            Optional<ModelPages.RenderedPage> page = pages.list(filter, cursor, pageSize,
                    version -> listEtag(version).equals(ifNoneMatch));
            if (page.isEmpty()) {
                return notModified(ifNoneMatch);
            }
            answer = listed.write(request, page.get());
        }
        return ResponseEntity.ok().eTag(listEtag(answer.stateVersion())).cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    private static ResponseEntity<Object> notModified(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CacheControl.noCache()).build();
    }

    @GetMapping("/{modelId}")
    @Operation(operationId = "getModel", tags = "Models", summary = "Get a model", description = """
            The model with its versions; config_schema is the default version's. ETag is the model's revision. \
            With as_of (an RFC 3339 instant or a log position) the model as it was then, rebuilt from the log, \
            without an ETag.""")
    @ApiResponse(responseCode = "200", description = "The model",
            content = @Content(schema = @Schema(implementation = ModelView.class)),
            headers = @Header(name = HttpHeaders.ETAG, ref = "ReadETag"))
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match",
            headers = @Header(name = HttpHeaders.ETAG, ref = "ReadETag"))
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    ResponseEntity<Object> get(@Parameter(ref = "modelId") @PathVariable String modelId,
                               @Parameter(ref = "as_of") @RequestParam(name = "as_of", required = false) String asOf,
                               @Parameter(ref = "If-None-Match")
                               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                               String ifNoneMatch) {
        ModelId id = ModelId.of(modelId);
        AsOf then = AsOf.parse(asOf);
        if (then != null) {
            return ResponseEntity.ok(past.model(id, then).orElseThrow(() -> new ModelNotFoundException(id)));
        }
        // The revision alone answers a conditional read, and names the rendering of an unchanged model.
        ModelReads.Current current = queries.revision(id).orElseThrow(() -> new ModelNotFoundException(id));
        if (Revisions.etag(current.revision()).equals(ifNoneMatch)) {
            return notModified(ifNoneMatch);
        }
        ModelReads.RenderedModel model = queries.rendered(id, current)
                .orElseThrow(() -> new ModelNotFoundException(id));
        return ResponseEntity.ok().eTag(Revisions.etag(model.revision())).cacheControl(CacheControl.noCache())
                .body(model.document());
    }

    @GetMapping("/{modelId}/versions")
    @Operation(operationId = "listVersions", tags = "Versions", summary = "List a model's versions",
            description = "Highest SemVer precedence first.")
    @ApiResponse(responseCode = "200", description = "The versions", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    VersionListResponse versions(@Parameter(ref = "modelId") @PathVariable String modelId) {
        ModelId id = ModelId.of(modelId);
        current(id);
        List<VersionView> versions = queries.versions(id);
        return new VersionListResponse(id.value(), versions, versions.size());
    }

    /** {@code version} is a version, or an alias: {@code @canary}, {@code @default}. */
    @GetMapping("/{modelId}/versions/{version}")
    @Operation(operationId = "getVersion", tags = "Versions", summary = "Get a version",
            description = "One version with its whole contract, exactly as it was added.")
    @ApiResponse(responseCode = "200", description = "The version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    VersionView version(@Parameter(ref = "modelId") @PathVariable String modelId,
                        @Parameter(ref = "version") @PathVariable String version) {
        ModelId id = ModelId.of(modelId);
        ModelView model = current(id);
        VersionNumber number;
        if (version.startsWith(ModelState.ALIAS_PREFIX)) {
            String alias = version.substring(ModelState.ALIAS_PREFIX.length());
            String target = alias.equals(ModelState.DEFAULT_ALIAS) ? model.defaultVersion()
                    : model.aliases().get(alias);
            if (target == null) {
                throw new AliasNotFoundException(id, alias);
            }
            number = VersionNumber.of(target);
        } else {
            number = VersionNumber.of(version);
        }
        return queries.version(id, number).orElseThrow(() -> new VersionNotFoundException(id, number));
    }

    private ModelView current(ModelId id) {
        return queries.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    private static String listEtag(long stateVersion) {
        return "\"list-" + stateVersion + "\"";
    }
}
