package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.vas.registry.support.Api;
import org.vas.registry.support.Jwts;
import org.vas.registry.support.RegistryTest;

/**
 * Every endpoint the application maps, actuator included, with every query parameter the API knows, against every
 * kind of caller: API keys and JWTs of each role, and each way a credential can be bad. The endpoints and the
 * parameters come from the running application's request mappings, so an endpoint or a parameter added later is
 * tried too, and an endpoint added without a rule here fails this test. A parameter never changes who may call an
 * endpoint, except {@code as_of}: on an endpoint that reads the past it asks for the auditor role on top of the
 * endpoint's own.
 */
@RegistryTest
class AccessMatrixTest {

    private enum Role { READER, AUDITOR, ADMIN, METRICS }

    /** Who may call an endpoint, given the caller's effective roles (admins and auditors also read). */
    private enum Access {
        PUBLIC(roles -> true),
        READER(roles -> roles.contains(Role.READER)),
        AUDITOR(roles -> roles.contains(Role.AUDITOR)),
        AUDITOR_OR_ADMIN(roles -> roles.contains(Role.AUDITOR) || roles.contains(Role.ADMIN)),
        /** The metrics role reads the Prometheus scrape and nothing else. */
        METRICS_OR_AUDITOR(roles -> roles.contains(Role.METRICS) || roles.contains(Role.AUDITOR)),
        ADMIN(roles -> roles.contains(Role.ADMIN));

        private final Predicate<Set<Role>> allows;

        Access(Predicate<Set<Role>> allows) {
            this.allows = allows;
        }
    }

    /** A caller: how it presents itself, and its roles once authenticated (null: it is not authenticated). */
    private record Caller(String name, Api api, Set<Role> roles) {
    }

    private static final String TIME_TRAVEL = "as_of";
    private static final KeyPair TRUSTED = Jwts.keyPair();
    private static final KeyPair STRANGER = Jwts.keyPair();
    private static final Map<String, Access> RULES = new LinkedHashMap<>();

    static {
        rule(Access.PUBLIC, "GET /actuator/health", "GET /actuator/health/**", "GET /v3/api-docs",
                "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config", "GET /swagger-ui.html");
        rule(Access.READER, "GET /api/v1/ai-models", "GET /api/v1/ai-models/{modelId}",
                "GET /api/v1/ai-models/{modelId}/versions", "GET /api/v1/ai-models/{modelId}/versions/{version}",
                "POST /api/v1/ai-models/validate-assignment", "POST /api/v1/ai-models/validate-assignments");
        rule(Access.AUDITOR, "GET /api/v1/ai-models/{modelId}/history", "GET /api/v1/ai-models/{modelId}/activity",
                "GET /api/v1/registry/events", "GET /api/v1/admin/projections", "GET /api/v1/admin/verify",
                "GET /api/v1/registry/checkpoint", "GET /api/v1/registry/public-key", "GET /api/v1/registry/proof",
                "GET /actuator", "GET /actuator/info", "GET /actuator/metrics",
                "GET /actuator/metrics/{requiredMetricName}");
        rule(Access.METRICS_OR_AUDITOR, "GET /actuator/prometheus");
        rule(Access.ADMIN, "POST /api/v1/ai-models", "PATCH /api/v1/ai-models/{modelId}",
                "POST /api/v1/ai-models/{modelId}/versions", "POST /api/v1/ai-models/{modelId}/enable",
                "POST /api/v1/ai-models/{modelId}/disable", "POST /api/v1/ai-models/{modelId}/retire",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/enable",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/disable", "POST /api/v1/ai-models/import",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/promote",
                "POST /api/v1/ai-models/{modelId}/versions/{version}/preview",
                "PUT /api/v1/ai-models/{modelId}/aliases/{alias}", "DELETE /api/v1/ai-models/{modelId}/aliases/{alias}",
                "POST /api/v1/admin/projections/{name}/rebuild", "POST /api/v1/admin/api-keys",
                "GET /api/v1/admin/api-keys", "DELETE /api/v1/admin/api-keys/{id}");
    }

    /** Sample values for parameters whose default sample ("1") would not be understood. */
    private static final Map<String, String> SAMPLES = Map.of(
            TIME_TRAVEL, Instant.now().toString(),
            "type", "ModelRegistered",
            "dry_run", "true",
            "enable", "true",
            "include_retired", "true",
            "promote", "true");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private Api admin;
    private String modelId;

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Jwts.publicKeyPem(TRUSTED);
        registry.add("registry.security.jwt.public-key-location", () -> "file:" + pem);
        registry.add("registry.security.jwt.roles-claim", () -> "registry_roles");
    }

    @BeforeEach
    void setUp() {
        admin = new Api(port);
        modelId = Api.uniqueId("matrix");
        admin.register(modelId);
        admin.addVersion(modelId, "1.0.0", 15, null);
    }

    @Test
    void everyMappedEndpointHasARule() {
        Set<String> unruled = new TreeSet<>(endpoints().keySet());
        unruled.removeIf(endpoint -> RULES.get(endpoint) != null);
        assertThat(unruled).as("endpoints without an access rule").isEmpty();
    }

    @Test
    void theMatrixKnowsTheQueryParametersThatMatter() {
        assertThat(queryParameters()).contains(TIME_TRAVEL, "dry_run", "enable", "include_retired");
        assertThat(endpoints().entrySet().stream().filter(e -> e.getValue().contains(TIME_TRAVEL))
                .map(Map.Entry::getKey)).contains("GET /api/v1/ai-models", "GET /api/v1/ai-models/{modelId}");
    }

    @Test
    void everyEndpointWithEveryQueryParameterAnswersEveryKindOfCallerAsItsRuleSays() throws Exception {
        List<Caller> callers = callers();
        List<String> parameters = new ArrayList<>();
        parameters.add(null);
        parameters.addAll(queryParameters());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Set<String>> endpoint : endpoints().entrySet()) {
            for (String parameter : parameters) {
                Access access = access(endpoint.getKey(), endpoint.getValue(), parameter);
                for (Caller caller : callers) {
                    Api.Response response = call(caller.api(), endpoint.getKey(), parameter);
                    String expected = expected(access, caller);
                    if (!matches(expected, response.status())) {
                        wrong.add(caller.name() + " -> " + endpoint.getKey()
                                + (parameter == null ? "" : " ?" + parameter) + ": expected " + expected + ", got "
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
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(endpoints().size() * parameters.size() * callers.size());
    }

    @Test
    void healthDetailsNeedAnAuditorOrAnAdminWhileItsStatusIsPublic() throws Exception {
        Api nobody = new Api(port, null);
        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            JsonNode status = nobody.get(health).json();
            assertThat(status.has("status")).isTrue();
            assertThat(status.has("components")).as(health).isFalse();
            assertThat(status.has("details")).as(health).isFalse();
        }
        assertThat(nobody.get("/actuator/health/details").status()).isEqualTo(401);
        assertThat(new Api(port, key("reader")).get("/actuator/health/details").status()).isEqualTo(403);

        for (String role : List.of("auditor", "admin")) {
            Api.Response details = new Api(port, key(role)).get("/actuator/health/details");
            assertThat(details.status()).isEqualTo(200);
            assertThat(details.json().get("components").has("db")).isTrue();
        }
    }

    @Test
    void timeTravelIsForAuditorsOnTheEndpointsThatTravelAndNeverOpensAnother() {
        Api reader = new Api(port, key("reader"));
        Api auditor = new Api(port, key("auditor"));
        String past = "?as_of=" + Instant.now();

        assertThat(reader.get("/api/v1/ai-models" + past).status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/ai-models/" + modelId + past).status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/ai-models/validate-assignment" + past, Map.of("camera_id",
                "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", modelId)).status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/ai-models" + past).status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/ai-models/" + modelId + past).status()).isEqualTo(200);

        assertThat(auditor.post("/api/v1/admin/api-keys" + past, Map.of("name", "escalated", "roles",
                List.of("admin"))).status()).isEqualTo(403);
        assertThat(auditor.register(Api.uniqueId("escalated")).status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/ai-models/" + modelId + "/enable" + past, null).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/admin/api-keys").body()).doesNotContain("escalated");
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

    private static Access access(String endpoint, Set<String> declared, String parameter) {
        Access access = RULES.get(endpoint);
        if (TIME_TRAVEL.equals(parameter) && declared.contains(TIME_TRAVEL)) {
            return access == Access.READER || access == Access.AUDITOR ? Access.AUDITOR : access;
        }
        return access;
    }

    private static String expected(Access access, Caller caller) {
        if (access == Access.PUBLIC) {
            return "not 401/403";
        }
        if (caller.roles() == null) {
            return "401";
        }
        return access.allows.test(caller.roles()) ? "not 401/403" : "403";
    }

    private static boolean matches(String expected, int status) {
        return expected.equals("not 401/403") ? status != 401 && status != 403 && status < 500
                : Integer.parseInt(expected) == status;
    }

    private List<Caller> callers() throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no credential", new Api(port, null), null));
        callers.add(new Caller("wrong key", new Api(port, "amr_this-key-was-never-issued-by-anyone"), null));
        callers.add(new Caller("revoked key", new Api(port, revokedKey()), null));
        callers.add(new Caller("expired key", new Api(port, expiredKey()), null));
        callers.add(new Caller("reader key", new Api(port, key("reader")), EnumSet.of(Role.READER)));
        callers.add(new Caller("auditor key", new Api(port, key("auditor")), EnumSet.of(Role.AUDITOR, Role.READER)));
        callers.add(new Caller("admin key", new Api(port, key("admin")), EnumSet.of(Role.ADMIN, Role.READER)));
        callers.add(new Caller("metrics key", new Api(port, key("metrics")), EnumSet.of(Role.METRICS)));
        callers.add(new Caller("untrusted JWT", bearer(token(STRANGER, "mallory", List.of("admin", "auditor"), 300)),
                null));
        callers.add(new Caller("expired JWT", bearer(token(TRUSTED, "late", List.of("admin", "auditor"), -60)),
                null));
        callers.add(new Caller("JWT without a registry role", bearer(token(TRUSTED, "other", List.of("viewer"), 300)),
                EnumSet.noneOf(Role.class)));
        callers.add(new Caller("reader JWT", bearer(token(TRUSTED, "svc", List.of("reader"), 300)),
                EnumSet.of(Role.READER)));
        callers.add(new Caller("auditor JWT", bearer(token(TRUSTED, "audit", List.of("auditor"), 300)),
                EnumSet.of(Role.AUDITOR, Role.READER)));
        callers.add(new Caller("admin JWT", bearer(token(TRUSTED, "ops", List.of("admin"), 300)),
                EnumSet.of(Role.ADMIN, Role.READER)));
        callers.add(new Caller("metrics JWT", bearer(token(TRUSTED, "scraper", List.of("metrics"), 300)),
                EnumSet.of(Role.METRICS)));
        return callers;
    }

    private Api.Response call(Api caller, String endpoint, String parameter) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{modelId}", modelId)
                .replace("{version}", "1.0.0")
                .replace("{alias}", "canary")
                .replace("{name}", "no-such-projection")
                .replace("{id}", "apikey:never-issued")
                .replace("{requiredMetricName}", "jvm.memory.used")
                .replace("/**", "/liveness");
        if (parameter != null) {
            path += "?" + parameter + "=" + SAMPLES.getOrDefault(parameter, "1");
        }
        if (method.equals("*")) {
            method = "GET";
        }
        boolean hasBody = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
        return caller.send(method, path, hasBody ? "{}" : null, hasBody ? "application/json" : null);
    }

    /**
     * Every mapped endpoint, with the query parameters its handler declares, but Spring Boot's {@code /error}, the
     * target the servlet container forwards failed requests to, which answers with the original request's status.
     */
    private Map<String, Set<String>> endpoints() {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, handler) -> describe(info).forEach(endpoint ->
                        endpoints.computeIfAbsent(endpoint, e -> new TreeSet<>()).addAll(parameters(handler)))));
        endpoints.keySet().removeIf(e -> e.endsWith(" /error"));
        return endpoints;
    }

    private List<String> queryParameters() {
        return endpoints().values().stream().flatMap(Set::stream).distinct().sorted().toList();
    }

    private static Set<String> parameters(HandlerMethod handler) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                names.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
            }
        }
        return names;
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

    private static void rule(Access access, String... endpoints) {
        for (String endpoint : endpoints) {
            RULES.put(endpoint, access);
        }
    }

    private String key(String role) {
        return admin.post("/api/v1/admin/api-keys", Map.of("name", Api.uniqueId("matrix-" + role), "roles",
                List.of(role))).json().get("key").asText();
    }

    private String revokedKey() {
        var issued = admin.post("/api/v1/admin/api-keys", Map.of("name", Api.uniqueId("matrix-revoked"), "roles",
                List.of("admin"))).json();
        admin.send("DELETE", "/api/v1/admin/api-keys/" + issued.get("api_key").get("id").asText(), null, null);
        return issued.get("key").asText();
    }

    private String expiredKey() throws InterruptedException {
        String key = admin.post("/api/v1/admin/api-keys", Map.of("name", Api.uniqueId("matrix-expired"), "roles",
                List.of("admin"), "expires_at", Instant.now().plusSeconds(1).toString())).json().get("key").asText();
        Thread.sleep(1_500);
        return key;
    }

    private Api bearer(String token) {
        return Jwts.bearer(port, token);
    }

    private static String token(KeyPair keys, String subject, List<String> roles, long validSeconds) {
        return Jwts.token(keys, subject, "registry_roles", roles, validSeconds);
    }
}
