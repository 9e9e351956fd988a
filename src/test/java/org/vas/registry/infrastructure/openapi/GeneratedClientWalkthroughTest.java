package org.vas.registry.infrastructure.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.client.ApiClient;
import org.vas.registry.client.ApiException;
import org.vas.registry.client.ApiResponse;
import org.vas.registry.client.api.AssignmentsApi;
import org.vas.registry.client.api.AuditApi;
import org.vas.registry.client.api.ImportApi;
import org.vas.registry.client.api.ModelsApi;
import org.vas.registry.client.api.VersionsApi;
import org.vas.registry.client.model.AddVersionRequest;
import org.vas.registry.client.model.AssignmentRequest;
import org.vas.registry.client.model.BatchRequest;
import org.vas.registry.client.model.BatchResponse;
import org.vas.registry.client.model.EventView;
import org.vas.registry.client.model.FeedResponse;
import org.vas.registry.client.model.HistoryResponse;
import org.vas.registry.client.model.ImportReport;
import org.vas.registry.client.model.ModelListResponse;
import org.vas.registry.client.model.ModelView;
import org.vas.registry.client.model.Problem;
import org.vas.registry.client.model.ReasonRequest;
import org.vas.registry.client.model.RegisterModelRequest;
import org.vas.registry.client.model.ValidationResult;
import org.vas.registry.client.model.VersionView;
import org.vas.registry.client.model.Violation;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * The README walkthrough, driven only through the Java client the build generates from docs/openapi.yaml
 * (target/generated-test-sources/openapi): what the document cannot express, a client cannot do. The client's
 * mapper refuses fields the document does not describe, so an answer that outgrows its schema fails here too.
 */
@RegistryTest
class GeneratedClientWalkthroughTest {

    private static final UUID CAMERA = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final Path EXAMPLE = Path.of("docs/examples/geo_fencing-1.0.0.json");
    private static final Path MANIFEST =
            Path.of("src/test/resources/manifests/contract-v1.0.0/geo_fencing/1.0.0/model.yaml");

    @LocalServerPort
    int port;

    private ObjectMapper json;
    private ModelsApi models;
    private VersionsApi versions;
    private AssignmentsApi assignments;
    private AuditApi audit;
    private ImportApi imports;

    @BeforeEach
    void setUp() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // The native library leaves security schemes to the caller; the document's apiKey scheme is this header.
        client.setRequestInterceptor(request -> request.header("X-API-Key", Api.ADMIN_KEY));
        json = ApiClient.createDefaultObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        client.setObjectMapper(json);
        models = new ModelsApi(client);
        versions = new VersionsApi(client);
        assignments = new AssignmentsApi(client);
        audit = new AuditApi(client);
        imports = new ImportApi(client);
    }

    @Test
    void aModelIsRegisteredGivenTheRealManifestsVersionEnabledValidatedDisabledAndTracedInHistoryAndFeed()
            throws Exception {
        String id = Api.uniqueId("walk");
        String team = UUID.randomUUID().toString().substring(0, 8);

        ApiResponse<ModelView> registered = models.registerModelWithHttpInfo(new RegisterModelRequest()
                .modelId(id).name("Geo-Fencing").description("Person detection with zone intrusion monitoring")
                .supportedTasks(List.of("person_detection", "zone_monitoring")).tags(Map.of("team", team)),
                null, null);
        assertThat(registered.getStatusCode()).isEqualTo(201);
        assertThat(registered.getHeaders().get("ETag")).containsExactly("\"0\"");
        assertThat(registered.getData().getEnabled()).isFalse();

        VersionView added = versions.addVersion(id,
                json.readValue(Files.readString(EXAMPLE), AddVersionRequest.class), null, null, null);
        assertThat(added.getVersion()).isEqualTo("1.0.0");

        ModelView enabled = models.enableModel(id, "\"1\"", null, null);
        assertThat(enabled.getEnabled()).isTrue();
        assertThat(enabled.getDefaultVersion()).isEqualTo("1.0.0");
        assertThat(models.listModels(true, null, null, List.of("team:" + team), null, null, null, null, null, null,
                null).getModels()).extracting(ModelView::getModelId).containsExactly(id);

        ValidationResult valid = assignments.validateAssignment(validAssignment(id), null, null, null);
        assertThat(valid.getValid()).isTrue();
        assertThat(valid.getResolvedVersion()).isEqualTo("1.0.0");
        assertThat(valid.getViolations()).isEmpty();

        ValidationResult invalid = assignments.validateAssignment(invalidAssignment(id), null, null, null);
        assertThat(invalid.getValid()).isFalse();
        assertThat(invalid.getViolations()).extracting(Violation::getCode)
                .contains(Violation.CodeEnum.FPS_ABOVE_MAX, Violation.CodeEnum.INVALID_PARAMETERS);

        BatchResponse batch = assignments.validateAssignments(
                new BatchRequest().assignments(List.of(validAssignment(id), invalidAssignment(id))), null, null, null);
        assertThat(batch.getTotal()).isEqualTo(2);
        assertThat(batch.getValid()).isEqualTo(1);
        assertThat(batch.getResults()).extracting(ValidationResult::getValid).containsExactly(true, false);

        models.disableModel(id, new ReasonRequest().reason("false alarms on camera 12"), null, null, null);
        assertThat(assignments.validateAssignment(validAssignment(id), null, null, null).getViolations())
                .extracting(Violation::getCode).containsExactly(Violation.CodeEnum.MODEL_DISABLED);

        List<EventView.TypeEnum> changes = List.of(EventView.TypeEnum.MODEL_REGISTERED,
                EventView.TypeEnum.MODEL_VERSION_ADDED, EventView.TypeEnum.MODEL_ENABLED,
                EventView.TypeEnum.MODEL_DISABLED);
        HistoryResponse history = models.getHistory(id, null, null, null, null);
        assertThat(history.getEvents()).extracting(EventView::getType).containsExactlyElementsOf(changes);
        assertThat(history.getEvents().get(3).getReason()).isEqualTo("false alarms on camera 12");

        FeedResponse feed = audit.listEvents(null, null, null, id, null, null);
        assertThat(feed.getEvents()).extracting(EventView::getType).containsExactlyElementsOf(changes);
        assertThat(feed.getHead()).isGreaterThanOrEqualTo(feed.getEvents().get(3).getPosition());
    }

    @Test
    void theModelListPagesWithTheCursorItAnswers() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String tag = "batch:" + batch;
        for (int i = 0; i < 3; i++) {
            models.registerModel(new RegisterModelRequest().modelId(Api.uniqueId("page")).name("Paged")
                    .supportedTasks(List.of("object_detection")).tags(Map.of("batch", batch)), null, null);
        }

        ModelListResponse first = models.listModels(null, null, null, List.of(tag), null, 2, null, null, null, null,
                null);
        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getModels()).hasSize(2);
        assertThat(first.getNextCursor()).isNotNull();

        ModelListResponse second = models.listModels(null, null, null, List.of(tag), null, 2, first.getNextCursor(),
                null, null, null, null);
        assertThat(second.getModels()).hasSize(1);
        assertThat(second.getNextCursor()).isNull();
        assertThat(second.getModels()).extracting(ModelView::getModelId)
                .doesNotContainAnyElementsOf(first.getModels().stream().map(ModelView::getModelId).toList());
    }

    @Test
    void aRealManifestImportsThroughTheClientAndItsVersionCanBeRead() throws Exception {
        String id = Api.uniqueId("imported").replace('-', '_');
        ObjectNode manifest = (ObjectNode) new YAMLMapper().readTree(Files.readString(MANIFEST));
        manifest.put("model_id", id);

        ImportReport dryRun = imports.importManifests(List.of(manifest), true, true, null, null, null);
        assertThat(dryRun.getDryRun()).isTrue();
        assertThat(catchThrowableOfType(ApiException.class, () -> models.getModel(id, null, null, null, null))
                .getCode()).isEqualTo(404);

        ImportReport report = imports.importManifests(List.of(manifest), null, true, null, null, null);
        assertThat(report.getManifests()).isEqualTo(1);
        assertThat(report.getModels()).singleElement().satisfies(model -> assertThat(model.getModelId())
                .isEqualTo(id));
        assertThat(models.getModel(id, null, null, null, null).getEnabled()).isTrue();
        assertThat(versions.getVersion(id, "1.0.0", null, null).getPerformance().getMaxFps()).isEqualTo(15);
    }

    @Test
    void refusalsAreApiExceptionsCarryingTheStatusAndTheProblem() throws Exception {
        String id = Api.uniqueId("refused");
        models.registerModel(new RegisterModelRequest().modelId(id).name("Refused")
                .supportedTasks(List.of("object_detection")), null, null);
        models.enableModel(id, null, null, null);

        ApiException notFound = catchThrowableOfType(ApiException.class,
                () -> models.getModel(Api.uniqueId("missing"), null, null, null, null));
        assertProblem(notFound, 404, Problem.CodeEnum.MODEL_NOT_FOUND);

        ApiException taken = catchThrowableOfType(ApiException.class, () -> models.registerModel(
                new RegisterModelRequest().modelId(id).name("Again").supportedTasks(List.of("object_detection")),
                null, null));
        assertProblem(taken, 409, Problem.CodeEnum.MODEL_ALREADY_EXISTS);

        ApiException stale = catchThrowableOfType(ApiException.class, () -> models.disableModel(id,
                new ReasonRequest().reason("stale"), "\"0\"", null, null));
        assertProblem(stale, 412, Problem.CodeEnum.STALE_REVISION);
        assertThat(models.getModel(id, null, null, null, null).getEnabled()).isTrue();
    }

    private void assertProblem(ApiException refusal, int status, Problem.CodeEnum code) throws IOException {
        assertThat(refusal.getCode()).isEqualTo(status);
        assertThat(refusal.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = json.readValue(refusal.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getCode()).isEqualTo(code);
    }

    private static AssignmentRequest validAssignment(String id) {
        return new AssignmentRequest().cameraId(CAMERA).modelId(id).desiredFps(10).parameters(Map.of("zones",
                List.of(Map.of("id", "dock", "points", List.of(List.of(0, 0), List.of(100, 0), List.of(100, 80)),
                        "type", "restricted"))));
    }

    private static AssignmentRequest invalidAssignment(String id) {
        return new AssignmentRequest().cameraId(CAMERA).modelId(id).desiredFps(25)
                .parameters(Map.of("zones", List.of(Map.of("id", "dock", "type", "forbidden"))));
    }
}
