package org.vas.registry.infrastructure.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * {@code docs/openapi.yaml} must be the spec the application serves. After a deliberate API change, regenerate
 * it with {@code ./mvnw test -Dtest=ApiDocumentationTest -Dopenapi.write=true} and commit the file.
 */
@RegistryTest
class ApiDocumentationTest {

    private static final Path COMMITTED = Path.of("docs", "openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @LocalServerPort
    int port;

    @Test
    void theRunningApplicationServesTheCommittedOpenApiSpec() throws IOException {
        String served = new Api(port).get("/v3/api-docs.yaml").body();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            return;
        }
        assertThat(COMMITTED).as("docs/openapi.yaml; generate it with -Dopenapi.write=true").exists();
        JsonNode expected = normalised(YAML.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8)));
        JsonNode actual = normalised(YAML.readTree(served));
        if (!expected.equals(actual)) {
            fail("docs/openapi.yaml differs from the running application's spec. If the API change is intended, "
                    + "regenerate it: ./mvnw test -Dtest=ApiDocumentationTest -Dopenapi.write=true\n"
                    + "First difference: " + firstDifference(expected, actual, ""));
        }
    }

    @Test
    void everyOperationIsDocumentedWithItsProblemResponses() {
        JsonNode spec = new Api(port).get("/v3/api-docs").json();
        assertThat(spec.path("openapi").textValue()).startsWith("3.0");
        List<String> undocumented = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            if (!operation.hasNonNull("summary") || !operation.hasNonNull("description")) {
                undocumented.add(name + ": no summary or description");
            }
            JsonNode responses = operation.path("responses");
            if (!responses.path("500").path("$ref").asText().endsWith("/INTERNAL_ERROR")) {
                undocumented.add(name + ": no problem response for 500");
            }
            String badRequest = responses.path("400").path("$ref").asText("#");
            if (spec.at(badRequest.substring(1)).path("content").path("application/problem+json").path("examples")
                    .isEmpty()) {
                undocumented.add(name + ": no 400 problem with examples");
            }
        }));
        spec.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (!schema.getKey().equals("JsonNode") && !schema.getValue().has("example")) {
                undocumented.add("schema " + schema.getKey() + ": no example");
            }
        });
        assertThat(undocumented).isEmpty();
        assertThat(spec.path("components").path("schemas").path("ModelView").path("properties").has("model_id"))
                .as("schemas use the API's snake_case names").isTrue();
    }

    @Test
    void swaggerUiIsServed() {
        Api.Response ui = new Api(port).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    /** Where the spec is served from is not part of the API. */
    private static JsonNode normalised(JsonNode spec) {
        ((ObjectNode) spec).remove("servers");
        return spec;
    }

    private static String firstDifference(JsonNode expected, JsonNode actual, String at) {
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String name : names) {
                if (!expected.path(name).equals(actual.path(name))) {
                    return firstDifference(expected.path(name), actual.path(name), at + "/" + name);
                }
            }
        }
        return at + ": committed " + expected + ", served " + actual;
    }
}
