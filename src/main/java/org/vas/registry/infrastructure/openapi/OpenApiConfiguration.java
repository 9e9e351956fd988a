package org.vas.registry.infrastructure.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.0 description of the API. Each handler describes itself with springdoc's annotations (summary,
 * success answers and their headers, the problems it answers); this configuration holds what every operation shares:
 * the problem answers, headers and parameters they refer to by name, the refusals of authentication and of the
 * database that any request can meet, and the rule that a response field is always present (possibly
 * {@code null}, where its record says so) unless Jackson omits it. {@code docs/openapi.yaml} is this spec, committed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String API_KEY = "apiKey";
    private static final String BEARER = "bearer";
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String OMITTED_WHEN_NULL = "x-omitted-when-null";
    private static final String NULLABLE = "x-nullable";
    private static final String JSON_NODE = "JsonNode";
    private static final List<DocumentedProblems> EVERY_OPERATION = List.of(DocumentedProblems.UNAUTHORIZED,
            DocumentedProblems.FORBIDDEN, DocumentedProblems.NOT_ACCEPTABLE,
            DocumentedProblems.TOO_MANY_FAILED_AUTHENTICATIONS, DocumentedProblems.INTERNAL_ERROR,
            DocumentedProblems.DATABASE_UNAVAILABLE);

    /**
     * Schemas are read with the API's own mapper, so they show the snake_case names the API speaks; a property
     * Jackson leaves out when it is null is marked, so that it is not listed as required.
     */
    @Bean
    ModelResolver modelResolver(ObjectMapper json) {
        return new ModelResolver(json) {
            @Override
            protected boolean applyBeanValidatorAnnotations(BeanPropertyDefinition property, Schema schema,
                                                            Annotation[] annotations, Schema parent,
                                                            boolean applyNotNullAnnotations) {
                JsonInclude.Include inclusion = property.findInclusion().getValueInclusion();
                if (inclusion != JsonInclude.Include.ALWAYS && inclusion != JsonInclude.Include.USE_DEFAULTS) {
                    schema.addExtension(OMITTED_WHEN_NULL, true);
                }
                // A property declared as Object holds any JSON value, null included: a schema without a type.
                if (property.getRawPrimaryType() == Object.class) {
                    schema.setType(null);
                    schema.setNullable(null);
                }
                // swagger-core drops nullable from a reference to another schema; it is put back as an allOf.
                if (schema.get$ref() != null && Arrays.stream(annotations).anyMatch(annotation -> annotation
                        instanceof io.swagger.v3.oas.annotations.media.Schema declared && declared.nullable())) {
                    schema.addExtension(NULLABLE, true);
                }
                return super.applyBeanValidatorAnnotations(property, schema, annotations, parent,
                        applyNotNullAnnotations);
            }
        };
    }

    @Bean
    OpenAPI registryOpenApi() {
        Components components = new Components()
                .addSchemas("Problem", problemSchema())
                .addSchemas("ManifestProblem", manifestProblemSchema());
        for (DocumentedProblems status : DocumentedProblems.values()) {
            components.addResponses(status.name(), problemResponse(status));
        }
        headers().forEach(components::addHeaders);
        parameters().forEach(components::addParameters);
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
                                manifest import. Every endpoint needs an API key (X-API-Key, or Authorization: \
                                Bearer) or a JWT, with the role it names: reader, admin or auditor. Every refusal is \
                                an RFC 9457 problem (application/problem+json) with a stable `code`; clients branch \
                                on `code`, never on `detail`. Commands answer once their events and the read model \
                                are committed.""")
                        .contact(new Contact().name("AI Model Registry maintainers"))
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/").description("This registry")))
                .security(List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)))
                .tags(List.of(
                        new Tag().name("Models").description("Discovery, registration and the model's lifecycle"),
                        new Tag().name("Versions").description("Immutable versions and their contracts"),
                        new Tag().name("Assignments").description("Whether a camera-to-model assignment is valid"),
                        new Tag().name("Import").description("model.yaml manifests, validated, all or nothing"),
                        new Tag().name("Audit").description("History, the change feed, projections, verification "
                                + "and the signed log"),
                        new Tag().name("Access").description("API keys")))
                .components(components);
    }

    /** What every operation shares: its correlation id, read-your-writes, and the refusals any request can meet. */
    @Bean
    OpenApiCustomizer registryOperations() {
        return openApi -> openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getParameters() != null) {
                // A reference stands alone in OpenAPI 3.0; springdoc copies the referenced fields beside it.
                operation.getParameters().replaceAll(parameter -> parameter.get$ref() == null ? parameter
                        : new Parameter().$ref(parameter.get$ref()));
            }
            operation.addParametersItem(new Parameter().$ref(REQUEST_ID));
            operation.addParametersItem(new Parameter().$ref("Registry-Min-Position"));
            ApiResponses responses = operation.getResponses();
            for (DocumentedProblems status : EVERY_OPERATION) {
                responses.addApiResponse(String.valueOf(status.code()), new ApiResponse().$ref(status.name()));
            }
            for (String empty : List.of("204", "304")) {
                if (responses.get(empty) != null) {
                    responses.get(empty).setContent(null);
                }
            }
            responses.values().stream().filter(response -> response.get$ref() == null).forEach(response -> {
                response.addHeaderObject(REQUEST_ID, new Header().$ref(REQUEST_ID));
                // A reference stands alone in OpenAPI 3.0; the style springdoc adds beside it would be ignored.
                response.getHeaders().values().forEach(header -> {
                    if (header.get$ref() != null) {
                        header.setStyle(null);
                    }
                });
            });
        }));
    }

    /**
     * Response schemas list every property as required, since the API's mapper writes null values, except the
     * ones Jackson omits; a nullable reference becomes an {@code allOf}, where OpenAPI 3.0 lets it say null.
     */
    @Bean
    OpenApiCustomizer registrySchemas() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Set<String> answered = reachable(schemas, responseSchemas(openApi));
            Set<String> asked = reachable(schemas, requestSchemas(openApi));
            schemas.forEach((name, schema) -> {
                Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
                if (answered.contains(name) && !asked.contains(name) && schema.getRequired() == null) {
                    List<String> required = new ArrayList<>();
                    properties.forEach((property, value) -> {
                        if (!isOmittedWhenNull(value)) {
                            required.add(property);
                        }
                    });
                    schema.setRequired(required);
                }
                if (schema.getProperties() != null) {
                    properties.replaceAll((property, value) -> nullableReference(value, schemas));
                }
                properties.values().forEach(value -> {
                    if (value.getExtensions() != null) {
                        value.getExtensions().remove(OMITTED_WHEN_NULL);
                        value.getExtensions().remove(NULLABLE);
                        if (value.getExtensions().isEmpty()) {
                            value.setExtensions(null);
                        }
                    }
                });
                Object example = SchemaExamples.EXAMPLES.get(name);
                if (example != null) {
                    schema.setExample(example);
                }
            });
            schemas.remove(JSON_NODE);
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> {
                        if (media.getSchema() != null && media.getSchema().get$ref() != null
                                && media.getSchema().get$ref().endsWith("/" + JSON_NODE)) {
                            media.setSchema(opaqueJson(null));
                        }
                    });
                }
            }));
        };
    }

    private static boolean isOmittedWhenNull(Schema<?> property) {
        return property.getExtensions() != null && property.getExtensions().containsKey(OMITTED_WHEN_NULL);
    }

    /**
     * OpenAPI 3.0 cannot say that a reference may be null. Opaque JSON is therefore written inline, where it can
     * say so; a schema that some field holds or null is itself nullable.
     */
    private static Schema<?> nullableReference(Schema<?> property, Map<String, Schema> schemas) {
        if (property.get$ref() == null) {
            return property;
        }
        boolean nullable = property.getExtensions() != null && property.getExtensions().containsKey(NULLABLE);
        String name = property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1);
        if (name.equals(JSON_NODE)) {
            return opaqueJson(nullable ? Boolean.TRUE : null);
        }
        if (nullable) {
            schemas.get(name).setNullable(true);
            property.getExtensions().remove(NULLABLE);
        }
        return property;
    }

    private static Schema<?> opaqueJson(Boolean nullable) {
        Schema<?> json = new ObjectSchema().description("A JSON object, as its author wrote it");
        json.setNullable(nullable);
        return json;
    }

    private static List<Schema> responseSchemas(OpenAPI openApi) {
        List<Schema> found = new ArrayList<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().values().forEach(response -> contentSchemas(response.getContent(), found))));
        openApi.getComponents().getResponses().values()
                .forEach(response -> contentSchemas(response.getContent(), found));
        return found;
    }

    private static List<Schema> requestSchemas(OpenAPI openApi) {
        List<Schema> found = new ArrayList<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                contentSchemas(operation.getRequestBody().getContent(), found);
            }
        }));
        return found;
    }

    private static void contentSchemas(Content content, List<Schema> found) {
        if (content != null) {
            content.values().forEach(media -> {
                if (media.getSchema() != null) {
                    found.add(media.getSchema());
                }
            });
        }
    }

    /** The names of the component schemas these schemas use, directly or through others. */
    private static Set<String> reachable(Map<String, Schema> components, List<Schema> roots) {
        Set<String> names = new HashSet<>();
        Deque<Schema> toVisit = new ArrayDeque<>(roots);
        while (!toVisit.isEmpty()) {
            Schema<?> schema = toVisit.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (names.add(name) && components.containsKey(name)) {
                    toVisit.push(components.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(toVisit::push);
            }
            if (schema.getItems() != null) {
                toVisit.push(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                toVisit.push(values);
            }
            for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
                if (composed != null) {
                    composed.forEach(toVisit::push);
                }
            }
        }
        return names;
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, new Header().schema(new StringSchema())
                .description("The request's correlation id: the caller's X-Request-Id when it is a sane token, "
                        + "else a new UUID. Every event the request causes records it as correlation_id. Absent "
                        + "only when the server refuses a malformed URL before the application sees it.")
                .example("incident-4711"));
        headers.put("ETag", new Header().required(true).schema(new StringSchema())
                .description("The model's revision, quoted; send it back in If-Match or If-None-Match")
                .example("\"3\""));
        headers.put("ReadETag", new Header().schema(new StringSchema())
                .description("The model's revision, or for a list the read model's state, quoted; send it back in "
                        + "If-None-Match. Absent with as_of.")
                .example("\"3\""));
        headers.put("Location", new Header().required(true).schema(new StringSchema().format("uri-reference"))
                .description("Where the created resource is").example("/api/v1/ai-models/geo_fencing"));
        headers.put("Registry-Position", new Header().required(true)
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO))
                .description("The log position of the model's latest event; send it as Registry-Min-Position to "
                        + "read your write from anywhere")
                .example(412));
        headers.put("Retry-After", new Header().required(true).schema(new IntegerSchema().minimum(
                        java.math.BigDecimal.ZERO))
                .description("Seconds to wait before retrying").example(1));
        headers.put("WWW-Authenticate", new Header().required(true).schema(new StringSchema())
                .description("How to authenticate").example("Bearer"));
        return headers;
    }

    private static Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put("modelId", new Parameter().in("path").name("modelId").required(true)
                .description("The model's id").schema(new StringSchema().pattern("^[a-z0-9][a-z0-9_-]{0,127}$"))
                .example("geo_fencing"));
        parameters.put("version", new Parameter().in("path").name("version").required(true)
                .description("A SemVer 2.0.0 version").schema(new StringSchema()).example("1.0.0"));
        parameters.put("as_of", new Parameter().in("query").name("as_of").required(false)
                .description("An RFC 3339 instant or a log position: the answer as it would have been then, "
                        + "rebuilt from the log (auditor role)")
                .schema(new StringSchema()).example("2026-11-25T09:05:00Z"));
        parameters.put("If-Match", new Parameter().in("header").name("If-Match").required(false)
                .description("The revision (ETag) the model must be at; otherwise 412 and nothing is written")
                .schema(new StringSchema()).example("\"3\""));
        parameters.put("If-None-Match", new Parameter().in("header").name("If-None-Match").required(false)
                .description("An ETag from an earlier answer; 304 if nothing changed since")
                .schema(new StringSchema()).example("\"3\""));
        parameters.put(REQUEST_ID, new Parameter().in("header").name(REQUEST_ID).required(false)
                .description("A correlation id for this request (letters, digits, '.', '_', '-', ':', up to 128); "
                        + "echoed back and recorded on every event the request causes")
                .schema(new StringSchema().maxLength(128)).example("incident-4711"));
        parameters.put("Registry-Min-Position", new Parameter().in("header").name("Registry-Min-Position")
                .required(false)
                .description("Serve the request only once the read model has reached this log position (a "
                        + "Registry-Position from a command's answer); a bounded wait, then 503 READ_MODEL_BEHIND")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)).example(412));
        return parameters;
    }

    private static ApiResponse problemResponse(DocumentedProblems status) {
        MediaType media = new MediaType().schema(new Schema<>().$ref(PROBLEM));
        media.setExamples(new LinkedHashMap<>());
        status.examples().forEach((code, example) -> media.getExamples().put(code, new Example().value(example)));
        ApiResponse response = new ApiResponse().description(status.description())
                .content(new Content().addMediaType(PROBLEM_JSON, media));
        response.addHeaderObject(REQUEST_ID, new Header().$ref(REQUEST_ID));
        if (status.code() == 429 || status.code() == 503) {
            response.addHeaderObject("Retry-After", new Header().$ref("Retry-After"));
        }
        if (status.code() == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().$ref("WWW-Authenticate"));
        }
        return response;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details with the registry's stable code")
                .addProperty("type", new StringSchema().format("uri")
                        .example("urn:problem-type:ai-model-registry:model-not-found"))
                .addProperty("title", new StringSchema().example("Not Found"))
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).example(404))
                .addProperty("detail", new StringSchema().example("Model 'geo_fencing' is not registered"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .example("/api/v1/ai-models/geo_fencing"))
                .addProperty("code", new StringSchema()._enum(ProblemCodes.ALL)
                        .description("Stable, machine-readable reason").example("MODEL_NOT_FOUND"))
                .addProperty("field", new StringSchema().description("The request field at fault, when one is")
                        .example("model_id"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/"
                        + "ManifestProblem")).description("Manifest import only: every problem found"))
                .addProperty("first_break", new Schema<>().$ref("#/components/schemas/ChainBreak")
                        .description("LOG_CHAIN_BROKEN only: where the log stops matching its chain"))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema<?> manifestProblemSchema() {
        return new ObjectSchema()
                .description("One problem of one manifest of an import")
                .addProperty("manifest", new IntegerSchema()
                        .description("Position of the manifest in the batch, from 0").example(1))
                .addProperty("model_id", new StringSchema().nullable(true).example("geo_fencing"))
                .addProperty("field", new StringSchema().nullable(true).description("Path into the manifest")
                        .example("performance.max_fps"))
                .addProperty("code", new StringSchema().example("INVALID_TYPE"))
                .addProperty("message", new StringSchema().example("$.performance.max_fps: string found, "
                        + "integer expected"))
                .required(List.of("manifest", "model_id", "field", "code", "message"));
    }
}
