package org.vas.registry.infrastructure.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description of the API. Summaries, tags, status codes and problem responses are added here,
 * by path, rather than as annotations on the controllers: the controllers stay readable, and a new endpoint
 * without documentation fails {@code ApiDocumentationTest}. {@code docs/openapi.yaml} is this spec, committed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String API_KEY = "apiKey";
    private static final String BEARER = "bearer";

    /** Schemas are read with the API's own mapper, so they show the snake_case names the API speaks. */
    @Bean
    ModelResolver modelResolver(ObjectMapper json) {
        return new ModelResolver(json);
    }

    @Bean
    OpenAPI registryOpenApi() {
        Components components = new Components()
                .addSchemas("Problem", problemSchema())
                .addSchemas("ManifestProblem", manifestProblemSchema());
        for (DocumentedProblems status : DocumentedProblems.values()) {
            components.addResponses(status.name(), problemResponse(status));
        }
        components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("An API key; also accepted as Authorization: Bearer <key>"))
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key, or a JWT when the registry is configured for one"));
        return new OpenAPI()
                .info(new Info().title("AI Model Registry")
                        .version("v1")
                        .description("""
                                Event-sourced registry of the AI models of the video-analytics platform: discovery \
                                (a compatible superset of the platform's /api/v1/ai-models), versions with their \
                                declarative contracts, enable/disable/retire, history, assignment validation and \
                                manifest import. Every endpoint needs an API key (X-API-Key, or Authorization: Bearer) or a JWT, \
                                with the role it names: reader, admin or auditor. Every refusal is an RFC 9457 problem (application/problem+json) \
                                with a stable `code`; clients branch on `code`, never on `detail`. Commands answer \
                                once their events and the read model are committed.""")
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/").description("This registry")))
                .security(List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)))
                .components(components);
    }

    @Bean
    OpenApiCustomizer registryOperations() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> Endpoints.find(method.name(), path)
                        .ifPresent(endpoint -> document(operation, endpoint))));
    }

    @Bean
    OpenApiCustomizer registrySchemaExamples() {
        return openApi -> openApi.getComponents().getSchemas().forEach((name, schema) -> {
            Object example = SchemaExamples.EXAMPLES.get(name);
            if (example != null) {
                schema.setExample(example);
            }
            if (name.equals("JsonNode")) {
                schema.setDescription("Any JSON value; here a JSON object as declared by the model's author");
            }
        });
    }

    private static void document(Operation operation, Endpoints endpoint) {
        operation.setSummary(endpoint.summary());
        operation.setDescription(endpoint.description());
        operation.setTags(List.of(endpoint.tag()));
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses.remove("200");
        ApiResponses documented = new ApiResponses();
        for (Map.Entry<String, String> success : endpoint.successes().entrySet()) {
            ApiResponse response = new ApiResponse().description(success.getValue());
            if (ok != null && !success.getKey().equals("304")) {
                response.setContent(ok.getContent());
            }
            documented.addApiResponse(success.getKey(), response);
        }
        for (DocumentedProblems status : endpoint.problems()) {
            documented.addApiResponse(String.valueOf(status.code()),
                    new ApiResponse().$ref("#/components/responses/" + status.name()));
        }
        for (DocumentedProblems status : List.of(DocumentedProblems.UNAUTHORIZED, DocumentedProblems.FORBIDDEN,
                DocumentedProblems.TOO_MANY_FAILED_AUTHENTICATIONS)) {
            documented.addApiResponse(String.valueOf(status.code()),
                    new ApiResponse().$ref("#/components/responses/" + status.name()));
        }
        operation.setResponses(documented);
        if (endpoint == Endpoints.IMPORT) {
            describeImport(operation);
        }
    }

    private static ApiResponse problemResponse(DocumentedProblems status) {
        MediaType media = new MediaType().schema(new Schema<>().$ref(PROBLEM));
        media.setExamples(new LinkedHashMap<>());
        status.examples().forEach((code, example) -> media.getExamples().put(code, new Example().value(example)));
        return new ApiResponse().description(status.description()).content(new Content().addMediaType(PROBLEM_JSON,
                media));
    }

    /** The import reads its body itself (YAML or JSON, one or many), so its body is described here. */
    private static void describeImport(Operation operation) {
        Schema<?> yaml = new StringSchema().description("One model.yaml, or several as a multi-document YAML stream "
                + "(documents separated by ---)");
        Schema<?> manifest = new ObjectSchema().description("A manifest, contract or legacy format; see "
                + "manifest-schemas/contract-1.0.0.json and manifest-schemas/legacy.json");
        Schema<?> json = new Schema<>().oneOf(List.of(manifest, new ArraySchema().items(manifest)));
        Content content = new Content();
        for (String type : List.of("application/yaml", "application/x-yaml", "text/yaml")) {
            content.addMediaType(type, new MediaType().schema(yaml).example(Examples.YAML_MANIFEST));
        }
        content.addMediaType("application/json", new MediaType().schema(json).example(Examples.JSON_MANIFEST));
        operation.setRequestBody(new RequestBody().required(true).content(content)
                .description("The manifests to import; every one is validated before anything is written"));
        operation.getResponses().get("200").getContent().get("application/json").setExample(Examples.IMPORT_REPORT);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details with the registry's stable code")
                .addProperty("type", new StringSchema().format("uri")
                        .example("urn:problem-type:ai-model-registry:model-not-found"))
                .addProperty("title", new StringSchema().example("Not Found"))
                .addProperty("status", new Schema<Integer>().type("integer").example(404))
                .addProperty("detail", new StringSchema().example("Model 'geo_fencing' is not registered"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .example("/api/v1/ai-models/geo_fencing"))
                .addProperty("code", new StringSchema().description("Stable, machine-readable reason")
                        .example("MODEL_NOT_FOUND"))
                .addProperty("field", new StringSchema().description("The request field at fault, when one is")
                        .example("model_id"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/"
                        + "ManifestProblem")).description("Manifest import only: every problem found"))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema<?> manifestProblemSchema() {
        return new ObjectSchema()
                .description("One problem of one manifest of an import")
                .addProperty("manifest", new Schema<Integer>().type("integer")
                        .description("Position of the manifest in the batch, from 0").example(1))
                .addProperty("model_id", new StringSchema().example("geo_fencing"))
                .addProperty("field", new StringSchema().description("Path into the manifest")
                        .example("performance.max_fps"))
                .addProperty("code", new StringSchema().example("INVALID_TYPE"))
                .addProperty("message", new StringSchema().example("$.performance.max_fps: string found, "
                        + "integer expected"));
    }
}
