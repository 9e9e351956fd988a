package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Every endpoint the application maps, actuator included, against every kind of caller. The endpoints come from
 * the running application's request mappings, so an endpoint added without a rule here fails this test.
 */
@RegistryTest
class AccessMatrixTest {

    private enum Access { PUBLIC, READER, AUDITOR, ADMIN }

    private static final Map<String, Access> RULES = new LinkedHashMap<>();

    static {
        rule(Access.PUBLIC, "GET /actuator/health", "GET /actuator/health/**", "GET /v3/api-docs",
                "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config", "GET /swagger-ui.html");
        rule(Access.READER, "GET /api/v1/ai-models", "GET /api/v1/ai-models/{modelId}",
                "GET /api/v1/ai-models/{modelId}/versions", "GET /api/v1/ai-models/{modelId}/versions/{version}",
                "POST /api/v1/ai-models/validate-assignment", "POST /api/v1/ai-models/validate-assignments");
        rule(Access.AUDITOR, "GET /api/v1/ai-models/{modelId}/history", "GET /api/v1/ai-models/{modelId}/activity", "GET /api/v1/registry/events",
                "GET /api/v1/admin/projections", "GET /api/v1/admin/verify", "GET /api/v1/registry/checkpoint",
                "GET /api/v1/registry/public-key", "GET /api/v1/registry/proof", "GET /actuator",
                "GET /actuator/info", "GET /actuator/prometheus", "GET /actuator/metrics",
                "GET /actuator/metrics/{requiredMetricName}");
        rule(Access.ADMIN, "POST /api/v1/ai-models", "PATCH /api/v1/ai-models/{modelId}",
                "POST /api/v1/ai-models/{modelId}/versions", "POST /api/v1/ai-models/{modelId}/enable",
                "POST /api/v1/ai-models/{modelId}/disable", "POST /api/v1/ai-models/{modelId}/retire",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/enable",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/disable", "POST /api/v1/ai-models/import",
                "POST /api/v1/admin/projections/{name}/rebuild", "POST /api/v1/admin/api-keys",
                "GET /api/v1/admin/api-keys", "DELETE /api/v1/admin/api-keys/{id}");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private Api admin;
    private String modelId;

    @BeforeEach
    void setUp() {
        admin = new Api(port);
        modelId = Api.uniqueId("matrix");
        admin.register(modelId);
        admin.addVersion(modelId, "1.0.0", 15, null);
    }

    @Test
    void everyMappedEndpointHasARule() {
        Set<String> unruled = new TreeSet<>(endpoints());
        unruled.removeIf(endpoint -> rule(endpoint) != null);
        assertThat(unruled).as("endpoints without an access rule").isEmpty();
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsItsRuleSays() throws Exception {
        Map<String, Api> callers = new LinkedHashMap<>();
        callers.put("no credential", new Api(port, null));
        callers.put("wrong key", new Api(port, "amr_this-key-was-never-issued-by-anyone"));
        callers.put("revoked key", new Api(port, revokedKey()));
        callers.put("expired key", new Api(port, expiredKey()));
        callers.put("reader", new Api(port, key("reader")));
        callers.put("auditor", new Api(port, key("auditor")));
        callers.put("admin", new Api(port, key("admin")));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String endpoint : endpoints()) {
            Access access = rule(endpoint);
            for (Map.Entry<String, Api> caller : callers.entrySet()) {
                Api.Response response = call(caller.getValue(), endpoint);
                String expected = expected(access, caller.getKey());
                if (!matches(expected, response.status())) {
                    wrong.add(caller.getKey() + " -> " + endpoint + ": expected " + expected + ", got "
                            + response.status());
                }
                if (response.status() == 401) {
                    assertThat(response.header("WWW-Authenticate")).isNotBlank();
                }
                if (response.status() == 401 || response.status() == 403) {
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(endpoints().size() * callers.size());
    }

    @Test
    void timeTravelIsForAuditorsOnWhicheverEndpoint() {
        Api reader = new Api(port, key("reader"));
        Api auditor = new Api(port, key("auditor"));
        String past = "?as_of=" + Instant.now();

        assertThat(reader.get("/api/v1/ai-models" + past).status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/ai-models/" + modelId + past).status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/ai-models/validate-assignment" + past, Map.of("camera_id",
                "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", modelId)).status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/ai-models" + past).status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/ai-models/" + modelId + past).status()).isEqualTo(200);
    }

    @Test
    void aCallerNotAllowedToReadLearnsNothingAboutWhetherAModelExists() {
        Api nobody = new Api(port, null);
        Api reader = new Api(port, key("reader"));

        assertThat(nobody.get("/api/v1/ai-models/" + modelId).body())
                .isEqualTo(nobody.get("/api/v1/ai-models/no-such-model").body());
        assertThat(reader.get("/api/v1/ai-models/" + modelId + "/history").body())
                .isEqualTo(reader.get("/api/v1/ai-models/no-such-model/history").body());
    }

    private static String expected(Access access, String caller) {
        if (access == Access.PUBLIC) {
            return "not 401/403";
        }
        return switch (caller) {
            case "no credential", "wrong key", "revoked key", "expired key" -> "401";
            case "reader" -> access == Access.READER ? "not 401/403" : "403";
            case "auditor" -> access == Access.READER || access == Access.AUDITOR ? "not 401/403" : "403";
            default -> access == Access.AUDITOR ? "403" : "not 401/403";
        };
    }

    private static boolean matches(String expected, int status) {
        return expected.equals("not 401/403") ? status != 401 && status != 403 && status < 500
                : Integer.parseInt(expected) == status;
    }

    private Api.Response call(Api caller, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{modelId}", modelId)
                .replace("{version}", "1.0.0")
                .replace("{name}", "model-projection")
                .replace("{id}", "apikey:never-issued")
                .replace("{requiredMetricName}", "jvm.memory.used")
                .replace("/**", "/liveness");
        if (method.equals("*")) {
            method = "GET";
        }
        boolean hasBody = method.equals("POST") || method.equals("PATCH");
        return caller.send(method, path, hasBody ? "{}" : null, hasBody ? "application/json" : null);
    }

    /**
     * Every mapped endpoint but Spring Boot's {@code /error}, the target the servlet container forwards failed
     * requests to, which answers with the original request's status.
     */
    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> endpoints.addAll(describe(info))));
        return endpoints.stream().filter(e -> !e.endsWith(" /error")).distinct().sorted().toList();
    }

    private static List<String> describe(RequestMappingInfo info) {
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        if (methods.isEmpty()) {
            methods.add("*");
        }
        List<String> described = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            for (String method : methods) {
                described.add(method + " " + pattern);
            }
        }
        return described;
    }

    private static Access rule(String endpoint) {
        return RULES.get(endpoint);
    }

    private static void rule(Access access, String... endpoints) {
        for (String endpoint : endpoints) {
            RULES.put(endpoint, access);
        }
    }

    private String key(String role) {
        return admin.post("/api/v1/admin/api-keys", Map.of("name", "matrix " + role, "roles", List.of(role)))
                .json().get("key").asText();
    }

    private String revokedKey() {
        var issued = admin.post("/api/v1/admin/api-keys", Map.of("name", "matrix revoked", "roles",
                List.of("admin"))).json();
        admin.send("DELETE", "/api/v1/admin/api-keys/" + issued.get("api_key").get("id").asText(), null, null);
        return issued.get("key").asText();
    }

    private String expiredKey() throws InterruptedException {
        String key = admin.post("/api/v1/admin/api-keys", Map.of("name", "matrix expired", "roles",
                List.of("admin"), "expires_at", Instant.now().plusSeconds(1).toString())).json().get("key").asText();
        Thread.sleep(1_500);
        return key;
    }
}
