package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Hundreds of hostile requests, generated across every endpoint. Each is answered with a 4xx problem, or with a
 * documented 2xx that writes nothing (a read, or an assignment judged invalid); none is a 5xx; none takes long;
 * none reaches out of the registry; and the event log is the same afterwards.
 */
@RegistryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODELS = "/api/v1/ai-models";
    private static final String STALE = "\"999999\"";
    private static final long SLOW_MS = 5_000;

    static final List<String> HOSTILE_STRINGS = List.of(
            "", " ", "\u0000", "a\u0000b", "\u202egnp.exe", "\u200b", "\ud83d\ude00", "\ud800", "e\u0301",
            "\uff41\uff42\uff43", "\u0430dmin", "A".repeat(300), "x".repeat(70_000),
            "'; DROP TABLE domain_event_entry; --", "\" OR 1=1 --", "1' OR '1'='1", "$(reboot)", "`id`",
            "{\"$gt\": \"\"}", "{\"__proto__\": {\"admin\": true}}", "!!python/object/apply:os.system ['id']",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
            "&a [*a, *a]", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "<script>alert(1)</script>",
            "../../etc/passwd", "..\\..\\windows", "%2e%2e%2f", "..%252f", "%00", "\r\nX-Injected: 1",
            "null", "true", "-1", "NaN", "1e309");

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private Api api;
    private String seed;
    private long headBefore;
    private ServerSocket trap;
    private final AtomicInteger trapConnections = new AtomicInteger();
    private final AtomicInteger tried = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();

    record Case(String name, String method, String path, String contentType, String body, boolean may2xx,
                String... headers) {
    }

    @BeforeAll
    void seedAModelAndATrap() throws IOException {
        api = new Api(port);
        seed = Api.uniqueId("hostile");
        assertThat(api.register(seed).status()).isEqualTo(201);
        assertThat(api.addVersion(seed, "1.0.0", 15, Map.of("type", "object", "properties", Map.of(
                "name", Map.of("type", "string", "pattern", "^(a+)+$"),
                "label", Map.of("type", "string", "pattern", "^(\\w+\\s?)*$"),
                "step", Map.of("multipleOf", 0.5, "enum", List.of(1, 1.5), "const", 1)))).status()).isEqualTo(201);
        assertThat(api.post(MODELS + "/" + seed + "/enable", null).status()).isEqualTo(200);
        trap = new ServerSocket(0);
        Thread listener = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket ignored = trap.accept()) {
                    trapConnections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        listener.setDaemon(true);
        listener.start();
        headBefore = head();
    }

    @AfterAll
    void closeTheTrap() throws IOException {
        trap.close();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithAProblemAndNothingIsWritten() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> answer(c)));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("the log is unchanged and nothing was fetched",
                () -> {
                    assertThat(head()).as("log head").isEqualTo(headBefore);
                    assertThat(trapConnections.get()).as("connections to a remote $ref").isZero();
                    assertThat(serverErrors.get()).as("5xx answers").isZero();
                    System.out.printf("hostile input: %d requests tried, %d answered 5xx, log head unchanged at %d%n",
                            tried.get(), serverErrors.get(), headBefore);
                }));
        return Stream.concat(each, after);
    }

    private void answer(Case c) {
        tried.incrementAndGet();
        String[] headers = c.headers();
        long started = System.nanoTime();
        Api.Response response = api.send(c.method(), c.path(), c.body(), c.contentType(), headers);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        assertThat(response.status()).as(c.name() + " -> " + response).isLessThan(500);
        assertThat(millis).as(c.name() + " took").isLessThan(SLOW_MS);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).as(c.name() + " -> " + response)
                    .startsWith("application/problem+json");
            assertNoInternals(c.name(), c.path() + " " + c.body(), response);
        } else {
            assertThat(c.may2xx()).as(c.name() + " -> " + response).isTrue();
            assertThat(response.status()).as(c.name()).isBetween(200, 299);
        }
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String model = MODELS + "/" + seed;
        List<String[]> jsonWrites = List.of(
                new String[] {"POST", MODELS},
                new String[] {"PATCH", model},
                new String[] {"POST", model + "/versions"},
                new String[] {"POST", model + "/disable"},
                new String[] {"POST", model + "/retire"},
                new String[] {"POST", model + "/versions/1.0.0/disable"},
                new String[] {"POST", MODELS + "/validate-assignment"},
                new String[] {"POST", MODELS + "/validate-assignments"},
                new String[] {"POST", MODELS + "/import"});
        List<String> malformed = List.of("{", "}", "[", "{\"a\":}", "nul", "{'model_id': 1}", "\u0000", " ",
                "{\"model_id\": \"x\",}", "{\"a\":1}{\"b\":2}", "NaN", "[1,2", "\ufeff{}", "{\"a\": \"\\ud800\"}",
                "{\"a\": 1e999999}", "{\"a\": 123456789012345678901234567890}", "\"just a string\"", "42",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                "{\"tags\": " + "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500) + "}");
        for (String[] write : jsonWrites) {
            for (String body : malformed) {
                cases.add(new Case(write[0] + " " + write[1] + " malformed " + shorten(body), write[0], write[1],
                        "application/json", body, false, "If-Match", STALE));
            }
            cases.add(new Case(write[0] + " " + write[1] + " 2 MB body", write[0], write[1], "application/json",
                    "{\"name\": \"" + "x".repeat(2_000_000) + "\"}", false, "If-Match", STALE));
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=utf-7", "image/png")) {
                cases.add(new Case(write[0] + " " + write[1] + " as " + type, write[0], write[1], type,
                        "{\"model_id\": \"" + seed + "\"}", false, "If-Match", STALE));
            }
        }
        for (String hostile : HOSTILE_STRINGS) {
            if (!hostile.matches("[a-z0-9][a-z0-9_-]{0,127}")) {
                cases.add(new Case("register id " + shorten(hostile), "POST", MODELS, "application/json",
                        json(Map.of("model_id", hostile, "name", "Hostile")), false));
            }
            cases.add(new Case("register taken id, name " + shorten(hostile), "POST", MODELS, "application/json",
                    json(Map.of("model_id", seed, "name", hostile, "description", hostile,
                            "supported_tasks", List.of(hostile), "tags", Map.of(hostile, hostile))), false));
            cases.add(new Case("patch stale, name " + shorten(hostile), "PATCH", model,
                    "application/merge-patch+json", json(Map.of("name", hostile, "tags", Map.of("k", hostile))),
                    false, "If-Match", STALE));
            cases.add(new Case("disable stale, reason " + shorten(hostile), "POST", model + "/disable",
                    "application/json", json(Map.of("reason", hostile)), false, "If-Match", STALE));
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            cases.add(new Case("get model " + shorten(hostile), "GET", MODELS + "/" + encoded, null, null, false));
            cases.add(new Case("history of " + shorten(hostile), "GET", MODELS + "/" + encoded + "/history", null,
                    null, false));
            cases.add(new Case("activity of " + shorten(hostile), "GET", MODELS + "/" + encoded + "/activity", null,
                    null, false));
            cases.add(new Case("list with q " + shorten(hostile), "GET", MODELS + "?q=" + encoded + "&task="
                    + encoded + "&tag=" + encoded, null, null, true));
            cases.add(new Case("feed of type " + shorten(hostile), "GET", "/api/v1/registry/events?type=" + encoded,
                    null, null, true));
            cases.add(new Case("validate model " + shorten(hostile), "POST", MODELS + "/validate-assignment",
                    "application/json", json(Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                            "model_id", hostile, "desired_fps", 10)), true));
            cases.add(new Case("validate parameters " + shorten(hostile), "POST", MODELS + "/validate-assignment",
                    "application/json", json(Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                            "model_id", seed, "parameters", Map.of("name", hostile, "label", hostile))), true));
        }
        for (String path : List.of("/..%2f..%2fadmin", "/%2e%2e", "/..", "/a%00b", "/a%2fb", "/" + "a".repeat(5_000),
                "/%ff%fe", "/%c0%ae%c0%ae", "/%252e%252e%252f", "/./" + seed, "//" + seed, "/" + seed + "%20",
                "/" + seed + ";jsessionid=x", "/" + seed + "/versions/..%2f..%2f", "/" + seed + "/versions/%00")) {
            cases.add(new Case("traversal " + shorten(path), "GET", MODELS + path, null, null, true));
            cases.add(new Case("traversal enable " + shorten(path), "POST", MODELS + path + "/enable", null, null,
                    false, "If-Match", STALE));
        }
        for (String version : List.of("1", "1.0", "01.0.0", "1.0.0-", "1.0.0+", "v1.0.0", "1.0.0.0", "-1.0.0",
                "1.0.0-01", "1.0.0-" + "a".repeat(10_000), "1.0.0\n", " 1.0.0", "99999999999999999999.0.0",
                "1.0.0-\u03b1", "1.0.0", "../1.0.0", "1.0.0;2.0.0", "*", "latest", "^1.0.0")) {
            cases.add(new Case("add version " + shorten(version), "POST", model + "/versions", "application/json",
                    json(Map.of("version", version)), false, "If-Match", STALE));
            cases.add(new Case("get version " + shorten(version), "GET", model + "/versions/"
                    + URLEncoder.encode(version, StandardCharsets.UTF_8), null, null, version.equals("1.0.0")));
        }
        for (Object fps : new Object[] {-1, 0, 31, 2147483647, 2147483648L, 1e10, 1.5, "10", true, List.of(10),
                Map.of("a", 1), -2147483648}) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
            body.put("model_id", seed);
            body.put("desired_fps", fps);
            body.put("priority", fps);
            cases.add(new Case("validate fps " + fps, "POST", MODELS + "/validate-assignment", "application/json",
                    json(body), true));
            cases.add(new Case("version max_fps " + fps, "POST", model + "/versions", "application/json",
                    json(Map.of("version", "9.9.9", "performance", Map.of("recommended_fps", fps, "max_fps", fps))),
                    false, "If-Match", STALE));
        }
        for (String limit : List.of("-1", "0", "1001", "99999999999999999999", "abc", "1e3", "", "1.5", "%00")) {
            cases.add(new Case("list limit " + limit, "GET", MODELS + "?limit=" + limit, null, null,
                    limit.isEmpty()));
            cases.add(new Case("feed limit " + limit, "GET", "/api/v1/registry/events?limit=" + limit + "&after="
                    + limit, null, null, limit.isEmpty()));
            cases.add(new Case("history limit " + limit, "GET", model + "/history?limit=" + limit
                    + "&after_revision=x", null, null, false));
            cases.add(new Case("list cursor " + limit, "GET", MODELS + "?cursor=" + limit + "&as_of=" + limit,
                    null, null, false));
        }
        String trapUrl = "http://127.0.0.1:" + trap.getLocalPort() + "/schema.json";
        int minor = 0;
        for (Object schema : List.of(
                Map.of("$ref", "#"),
                Map.of("$defs", Map.of("a", Map.of("$ref", "#/$defs/b"), "b", Map.of("$ref", "#/$defs/a")),
                        "$ref", "#/$defs/a"),
                Map.of("$ref", trapUrl),
                Map.of("$schema", trapUrl),
                Map.of("$id", trapUrl, "$ref", "other.json"),
                Map.of("type", "object", "properties", Map.of("a", Map.of("$ref", trapUrl + "#/x"))),
                Map.of("$dynamicRef", trapUrl),
                Map.of("$ref", "file:///etc/passwd"),
                Map.of("$ref", "jar:file:///tmp/x.jar!/a.json"),
                Map.of("$ref", "classpath:application.properties"),
                Map.of("type", "string", "pattern", "(a"),
                Map.of("type", "string", "pattern", "^(a)\\1$"),
                Map.of("type", "string", "pattern", "(?<=a)b"),
                Map.of("type", "string", "format", "regex", "pattern", "[[[[[[[[[["),
                Map.of("type", "objekt"),
                Map.of("type", "object", "minProperties", -1),
                Map.of("type", "object", "patternProperties", Map.of("^(a|a)*$", Map.of("$ref", trapUrl))),
                List.of(1, 2, 3),
                "a string schema")) {
            cases.add(new Case("schema " + shorten(json(schema)), "POST", model + "/versions", "application/json",
                    json(Map.of("version", "3." + minor++ + ".0", "config_schema", schema)), false));
        }
        String evil = "a".repeat(50_000) + "!";
        cases.add(new Case("catastrophic pattern against a long input", "POST", MODELS + "/validate-assignment",
                "application/json", json(Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                        "model_id", seed, "parameters", Map.of("name", evil))), true));
        cases.add(new Case("catastrophic pattern against words", "POST", MODELS + "/validate-assignment",
                "application/json", json(Map.of("camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                        "model_id", seed, "parameters", Map.of("label", "word ".repeat(10_000) + "!"))), true));
        cases.addAll(costlySchemasAndExtremeNumbers(model));
        for (String yaml : List.of(
                "a: &a [\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                        + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
                "!!java.net.URL [\"" + trapUrl + "\"]\n",
                "model_id: !!python/object/apply:os.system [\"id\"]\n",
                "&a [*a]\n", "key: [unclosed\n", "---\n---\n---\n", "\t- tab\n", "? - complex\n: key\n",
                "model_name: x\nmodel_version: " + "9".repeat(5_000) + "\n",
                "- " + "[".repeat(2_000) + "\n", "contract_schema_version: \"1.0.0\"\nmodel_id: \"../../x\"\n")) {
            cases.add(new Case("import yaml " + shorten(yaml), "POST", MODELS + "/import", "application/yaml", yaml,
                    false));
        }
        for (String[] wrong : List.of(new String[] {"DELETE", MODELS}, new String[] {"PUT", model},
                new String[] {"DELETE", model}, new String[] {"GET", model + "/enable"},
                new String[] {"PUT", model + "/versions"}, new String[] {"DELETE", model + "/versions/1.0.0"},
                new String[] {"GET", MODELS + "/validate-assignment"}, new String[] {"PATCH", MODELS + "/import"},
                new String[] {"DELETE", "/api/v1/registry/events"}, new String[] {"POST", "/api/v1/admin/verify"},
                new String[] {"GET", "/api/v1/admin/projections/model-projection/rebuild"},
                new String[] {"PUT", model + "/history"}, new String[] {"POST", model + "/activity"})) {
            cases.add(new Case("method " + wrong[0] + " " + wrong[1], wrong[0], wrong[1], "application/json", "{}",
                    false));
        }
        for (String name : List.of("no-such", "..", "model-projection%2f..", "%00", "audit-activity")) {
            cases.add(new Case("rebuild " + name, "POST", "/api/v1/admin/projections/" + name + "/rebuild", null,
                    null, false));
        }
        cases.add(new Case("unknown field", "POST", MODELS, "application/json",
                json(Map.of("model_id", "fresh-id-never-written", "name", "x", "is_admin", true)), false));
        cases.add(new Case("wrong types", "POST", MODELS, "application/json",
                "{\"model_id\": 7, \"name\": [], \"supported_tasks\": \"x\", \"tags\": []}", false));
        cases.add(new Case("null everything", "POST", MODELS, "application/json",
                "{\"model_id\": null, \"name\": null, \"supported_tasks\": null, \"tags\": null}", false));
        cases.add(new Case("batch of 100,000", "POST", MODELS + "/validate-assignments", "application/json",
                "{\"assignments\": [" + "{},".repeat(100_000) + "{}]}", false));
        cases.add(new Case("batch of 501", "POST", MODELS + "/validate-assignments", "application/json",
                json(Map.of("assignments", java.util.Collections.nCopies(501, Map.of(
                        "camera_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "model_id", seed)))), false));
        cases.add(new Case("accept xml", "GET", model, null, null, false, "Accept", "application/xml"));
        cases.add(new Case("if-match garbage", "POST", model + "/enable", null, null, false, "If-Match",
                "\"'; DROP TABLE model; --\""));
        cases.add(new Case("if-match huge", "POST", model + "/enable", null, null, false, "If-Match",
                "\"" + "9".repeat(4_000) + "\""));
        return cases;
    }

    // Ill-formed text, duplicate keys, forged cursors, extreme as_of and the error path (issue #12, items 4-6, 8).

    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    /** JSON escapes, as sent: a lone high or low surrogate, two high ones, and U+0000. */
    private static final List<String> ILL_FORMED = List.of("a\\ud800b", "\\udc00", "\\ud800\\ud800", "x\\u0000y");
    private static final String MARK = "\ue000mark\ue000";
    private static final String DUPLICATE = "\ue001dup\ue001";
    private static final List<Pattern> INTERNALS = Stream.of(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*",
            "\\b[A-Z][A-Za-z0-9]+(?:Exception|Error)\\b",
            "\\b[A-Z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*\\(",
            "\\bat [\\w.$]+\\(", "\\.java\\b", "\\.class\\b",
            "(?:^|[\\s'\"(])/(?:home|tmp|usr|etc|var|opt|root|work|proc)/", "\\b[A-Za-z]:\\\\",
            "(?i)\\bselect\\b.+\\bfrom\\b", "(?i)\\binsert\\s+into\\b", "(?i)\\bupdate\\s+\\S+\\s+set\\b",
            "(?i)\\bdelete\\s+from\\b", "SQLSTATE", "\\bERROR:", "(?i)org\\.postgresql", "(?i)\\bviolates\\b")
            .map(Pattern::compile).toList();

    record Refusal(String name, String method, String path, String contentType, String body, int status,
                   String code) {
    }

    @TestFactory
    Stream<DynamicTest> illFormedTextDuplicateKeysForgedCursorsAndExtremeInstantsAreRefusedAndWriteNothing() {
        long head = head();
        List<Refusal> refusals = refusals();
        assertThat(refusals).hasSizeGreaterThanOrEqualTo(300);
        Stream<DynamicTest> each = refusals.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> refuse(r)));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("nothing was written and verify agrees",
                () -> {
                    assertThat(head()).as("log head").isEqualTo(head);
                    Api.Response verify = api.get("/api/v1/admin/verify");
                    assertThat(verify.json().path("consistent").booleanValue()).as(verify.toString()).isTrue();
                    System.out.printf("hostile text, keys, cursors and instants: %d requests, log head %d%n",
                            refusals.size(), head);
                }));
        return Stream.concat(each, after);
    }

    private void refuse(Refusal r) {
        Api.Response response = api.send(r.method(), r.path(), r.body(), r.contentType());
        assertThat(response.status()).as(r.name() + " -> " + response).isLessThan(500);
        if (r.status() == 0) {
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type")).as(r.name()).startsWith("application/problem+json");
            }
        } else {
            assertThat(response.status()).as(r.name() + " -> " + response).isEqualTo(r.status());
        }
        if (r.code() != null) {
            assertThat(response.header("Content-Type")).as(r.name()).startsWith("application/problem+json");
            assertThat(response.json().path("code").textValue()).as(r.name() + " -> " + response)
                    .isEqualTo(r.code());
        }
        if (response.status() >= 400) {
            assertNoInternals(r.name(), r.path() + " " + r.body(), response);
        }
    }

    /** A problem's words name no class, stack frame, file or SQL, unless the request itself sent them. */
    private static void assertNoInternals(String name, String request, Api.Response response) {
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return;
        }
        List<String> texts = new ArrayList<>(List.of(problem.path("detail").asText(""),
                problem.path("title").asText("")));
        problem.path("errors").forEach(error -> texts.add(error.path("message").asText("")));
        String sent = URLDecoder.decode(request.replace("+", "%2B"), StandardCharsets.UTF_8);
        for (String text : texts) {
            for (Pattern internal : INTERNALS) {
                Matcher found = internal.matcher(text);
                while (found.find()) {
                    assertThat(sent).as(name + ": a problem shows internals: " + text).contains(found.group());
                }
            }
        }
    }

    private List<Refusal> refusals() {
        List<Refusal> refusals = new ArrayList<>();
        String model = MODELS + "/" + seed;
        Map<String, Object> assignment = new LinkedHashMap<>();
        assignment.put("camera_id", CAMERA);
        assignment.put("model_id", seed);
        assignment.put("model_version", "1.0.0");
        assignment.put("parameters", Map.of("name", "aaa", "label", "word"));
        List<Object[]> bodies = List.of(
                new Object[] {"POST", MODELS, "application/json", "INVALID_TEXT", (Supplier<Object>)
                        () -> Map.of("model_id", Api.uniqueId("text"), "name", "N", "description", "D",
                                "supported_tasks", List.of("t"), "tags", Map.of("k", "v"))},
                new Object[] {"PATCH", model, "application/merge-patch+json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("name", "N", "description", "D",
                                "supported_tasks", List.of("t"), "tags", Map.of("k", "v"))},
                new Object[] {"POST", model + "/versions", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("version", "7.0.0", "config_schema",
                                Map.of("type", "object", "properties", Map.of("p", Map.of("type", "string",
                                        "enum", List.of("x")))), "input", Map.of("format", "f"),
                                "output", Map.of("o", "x"), "hardware", Map.of("h", "x"), "limits",
                                Map.of("l", "x"), "capabilities", Map.of("c", List.of("x")))},
                new Object[] {"POST", model + "/disable", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("reason", "r")},
                new Object[] {"POST", model + "/retire", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("reason", "r")},
                new Object[] {"POST", model + "/versions/1.0.0/disable", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("reason", "r")},
                new Object[] {"POST", MODELS + "/validate-assignment", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> assignment},
                new Object[] {"POST", MODELS + "/validate-assignments", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("assignments", List.of(assignment))},
                new Object[] {"POST", "/api/v1/admin/api-keys", "application/json", "INVALID_TEXT",
                        (Supplier<Object>) () -> Map.of("name", Api.uniqueId("key"),
                                "roles", List.of("reader"))},
                new Object[] {"POST", MODELS + "/import", "application/json", "MALFORMED_MANIFEST",
                        (Supplier<Object>) () -> legacyManifest(Api.uniqueId("text"))});
        for (Object[] endpoint : bodies) {
            String method = (String) endpoint[0];
            String path = (String) endpoint[1];
            String type = (String) endpoint[2];
            @SuppressWarnings("unchecked")
            Supplier<Object> template = (Supplier<Object>) endpoint[4];
            int positions = textPositions(JSON.valueToTree(template.get())).size();
            for (int position = 0; position < positions; position++) {
                for (String bad : ILL_FORMED) {
                    JsonNode body = JSON.valueToTree(template.get());
                    String where = textPositions(body).get(position).mark();
                    String text = json(body).replace(MARK, bad);
                    // Jackson itself refuses a surrogate escape in a key as malformed JSON.
                    String code = where.endsWith("(key)") && !bad.contains("u0000") && endpoint[3].equals(
                            "INVALID_TEXT") ? "MALFORMED_JSON" : (String) endpoint[3];
                    refusals.add(new Refusal(method + " " + path + " " + where + " = " + bad, method, path, type,
                            text, 400, code));
                }
            }
            int objectCount = objects(JSON.valueToTree(template.get())).size();
            for (int object = 0; object < objectCount; object++) {
                JsonNode body = JSON.valueToTree(template.get());
                ObjectNode same = objects(body).get(object);
                String key = same.fieldNames().hasNext() ? same.fieldNames().next() : "k";
                same.put(DUPLICATE, "duplicate");
                String text = json(body).replace("\"" + DUPLICATE + "\"", "\"" + key + "\"");
                String code = path.endsWith("/import") ? "MALFORMED_MANIFEST" : "MALFORMED_JSON";
                refusals.add(new Refusal(method + " " + path + " duplicate key " + key, method, path, type, text,
                        400, code));
            }
        }
        for (String bad : List.of("a\\ud800b", "\\udc00", "x\\0y")) {
            refusals.add(new Refusal("import yaml with " + bad, "POST", MODELS + "/import", "application/yaml",
                    "model_id: " + Api.uniqueId("text") + "\nmodel_name: \"" + bad + "\"\n", 400,
                    "MALFORMED_MANIFEST"));
        }
        for (String param : List.of("q", "task", "tag", "cursor", "as_of", "enabled", "limit")) {
            for (String bad : List.of("%00", "a%00", "%ED%A0%80", "%ff", "%C0%AE", "%E2%82")) {
                refusals.add(new Refusal("list " + param + "=" + bad, "GET", MODELS + "?" + param + "=" + bad, null,
                        null, 400, "INVALID_TEXT"));
            }
        }
        for (String query : List.of("type=%00", "model_id=%ED%A0%80", "after=%ff", "%ff=1", "%00=1")) {
            refusals.add(new Refusal("feed " + query, "GET", "/api/v1/registry/events?" + query, null, null, 400,
                    "INVALID_TEXT"));
            refusals.add(new Refusal("model " + query, "GET", model + "?" + query, null, null, 400,
                    "INVALID_TEXT"));
            refusals.add(new Refusal("validate " + query, "POST", MODELS + "/validate-assignment?" + query,
                    "application/json", json(assignment), 400, "INVALID_TEXT"));
        }
        for (String segment : List.of("a%ED%A0%80b", "%ED%B0%80", "a%ff", "%C0%80")) {
            refusals.add(new Refusal("path " + segment, "GET", MODELS + "/" + segment, null, null, 400, null));
        }
        for (String instant : List.of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+294277-01-01T00:00:00Z",
                "-4714-01-01T00:00:00Z", "+294276-12-31T23:59:59.9999991Z")) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((instant + "|" + seed).getBytes(StandardCharsets.UTF_8));
            refusals.add(new Refusal("cursor at " + instant, "GET", MODELS + "?cursor=" + cursor, null, null, 400,
                    "INVALID_CURSOR"));
            refusals.add(new Refusal("cursor at " + instant + " in the past", "GET", MODELS + "?as_of=1&cursor="
                    + cursor, null, null, 400, "INVALID_CURSOR"));
        }
        List<String> heldInstants = List.of("+10000-01-01T00:00:00Z", "+294276-12-31T23:59:59.999999Z",
                "-4713-11-24T00:00:00Z", "0000-01-01T00:00:00Z", "1970-01-01T00:00:00-18:00", "999999999999999999",
                "0");
        List<String> outsideInstants = List.of("+294276-12-31T23:59:59.9999991Z", "+294277-01-01T00:00:00Z",
                "-4713-11-23T23:59:59.999999999Z", "+999999999-12-31T23:59:59.999999999Z",
                "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "9999999999999999999999");
        List<String[]> readsInThePast = List.of(new String[] {"GET", MODELS}, new String[] {"GET", model},
                new String[] {"POST", MODELS + "/validate-assignment"},
                new String[] {"POST", MODELS + "/validate-assignments"});
        List<String[]> others = List.of(new String[] {"GET", model + "/versions"},
                new String[] {"GET", model + "/versions/1.0.0"}, new String[] {"GET", model + "/history"},
                new String[] {"GET", model + "/activity"}, new String[] {"GET", "/api/v1/registry/events"},
                new String[] {"GET", "/api/v1/admin/verify"}, new String[] {"GET", "/api/v1/admin/projections"},
                new String[] {"GET", "/api/v1/admin/api-keys"});
        for (String instant : Stream.concat(heldInstants.stream(), outsideInstants.stream()).toList()) {
            boolean held = heldInstants.contains(instant);
            String asOf = "as_of=" + URLEncoder.encode(instant, StandardCharsets.UTF_8);
            for (String[] read : readsInThePast) {
                boolean batch = read[1].endsWith("assignments");
                String body = read[0].equals("GET") ? null : batch ? json(Map.of("assignments", List.of(assignment)))
                        : json(assignment);
                int status = !held ? 400 : read[1].equals(model) ? 0 : 200;
                refusals.add(new Refusal(read[0] + " " + read[1] + " " + asOf, read[0], read[1] + "?" + asOf,
                        body == null ? null : "application/json", body, status, held ? null : "INVALID_AS_OF"));
            }
            for (String[] other : others) {
                refusals.add(new Refusal(other[0] + " " + other[1] + " " + asOf, other[0], other[1] + "?" + asOf,
                        null, null, 0, null));
            }
        }
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            refusals.add(new Refusal(method + " /error", method, "/error", "application/json", "{}", 404,
                    "NOT_FOUND"));
        }
        return refusals;
    }

    /** A place in a document that holds text, replaced by {@link #MARK} when {@code mark()} is called. */
    private record TextPosition(String path, Runnable replace) {

        String mark() {
            replace.run();
            return path;
        }
    }

    private static List<TextPosition> textPositions(JsonNode node) {
        List<TextPosition> positions = new ArrayList<>();
        collect(node, "", positions);
        return positions;
    }

    private static void collect(JsonNode node, String path,
                                List<TextPosition> positions) {
        if (node instanceof ObjectNode object) {
            for (String key : iterable(object.fieldNames())) {
                JsonNode value = object.get(key);
                positions.add(new TextPosition(path + "/" + key + " (key)", () -> {
                    Map<String, JsonNode> rebuilt = new LinkedHashMap<>();
                    object.fields().forEachRemaining(f -> rebuilt.put(f.getKey().equals(key) ? MARK : f.getKey(),
                            f.getValue()));
                    object.removeAll();
                    object.setAll(rebuilt);
                }));
                if (value.isTextual()) {
                    positions.add(new TextPosition(path + "/" + key, () -> object.put(key, MARK)));
                } else {
                    collect(value, path + "/" + key, positions);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                if (array.get(i).isTextual()) {
                    positions.add(new TextPosition(path + "/" + i, () -> array.set(index, MARK)));
                } else {
                    collect(array.get(i), path + "/" + i, positions);
                }
            }
        }
    }

    private static List<ObjectNode> objects(
            JsonNode node) {
        List<ObjectNode> objects = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> objects.addAll(objects(child)));
        return objects;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    private static Map<String, Object> legacyManifest(String modelId) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("model_id", modelId);
        manifest.put("model_name", "Legacy");
        manifest.put("model_version", "1.0.0");
        manifest.put("description", "d");
        manifest.put("supported_tasks", List.of("object_detection"));
        manifest.put("input_format", "NV12");
        manifest.put("expected_resolution", List.of(640, 480));
        manifest.put("resource_requirements", Map.of("gpu_required", false, "cpu_fallback_allowed", true));
        manifest.put("model_type", "onnx");
        manifest.put("model_weights", "w.onnx");
        manifest.put("confidence_threshold", 0.5);
        manifest.put("output_schema", Map.of("type", "object_detection"));
        return manifest;
    }

    /**
     * Schemas whose evaluation has no useful bound (loops however spelt, long chains, doubling definitions, deep
     * nesting, costly patterns, numbers beyond a double), parameters that cannot be compared or matched in bounded
     * time, on the single and the batch endpoint.
     */
    private List<Case> costlySchemasAndExtremeNumbers(String model) {
        List<Case> cases = new ArrayList<>();
        StringBuilder chain = new StringBuilder("{\"$defs\": {");
        StringBuilder doubling = new StringBuilder("{\"$defs\": {");
        for (int i = 0; i < 3_000; i++) {
            chain.append("\"d").append(i).append("\": {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}, ");
        }
        for (int i = 0; i < 24; i++) {
            doubling.append("\"d").append(i).append("\": {\"allOf\": [{\"$ref\": \"#/$defs/d").append(i + 1)
                    .append("\"}, {\"$ref\": \"#/$defs/d").append(i + 1).append("\"}]}, ");
        }
        String huge = "9".repeat(900);
        List<String> schemas = List.of(
                "{\"$defs\": {\"a\": {\"$ref\": \"#/%24defs/a\"}}, \"$ref\": \"#/%24defs/a\"}",
                "{\"$defs\": {\"a b\": {\"$ref\": \"#/$defs/a%20b\"}}, \"$ref\": \"#/$defs/a%20b\"}",
                "{\"$id\": \"urn:example:self\", \"$ref\": \"urn:example:self\"}",
                "{\"$id\": \"https://example.com/s\", \"$defs\": {\"a\": {\"$ref\": \"https://example.com/s#/$defs/a\"}},"
                        + " \"$ref\": \"#/$defs/a\"}",
                "{\"$defs\": {\"a\": {\"$id\": \"a.json\", \"$ref\": \"a.json\"}}, \"$ref\": \"#/$defs/a\"}",
                "{\"$ref\": \"\"}",
                "{\"$defs\": {\"a\": {\"$anchor\": \"x\", \"$ref\": \"#x\"}}, \"$ref\": \"#x\"}",
                "{\"properties\": {\"x\": {\"not\": {\"$ref\": \"#/properties/x\"}}}}",
                chain.append("\"d3000\": {}}, \"$ref\": \"#/$defs/d0\"}").toString(),
                doubling.append("\"d24\": {}}, \"$ref\": \"#/$defs/d0\"}").toString(),
                "{" + "\"properties\": {\"a\": {".repeat(40) + "}}".repeat(40) + "}",
                "{\"properties\": {\"s\": {\"pattern\": \"((a{100}){100}){100}\"}}}",
                "{\"properties\": {\"s\": {\"pattern\": \"" + "(ab|cd)".repeat(15_000) + "\"}}}",
                "{\"patternProperties\": {\"((a{1000}){1000}){1000}\": {}}}",
                "{\"properties\": {\"n\": {\"multipleOf\": 1e400}}}",
                "{\"properties\": {\"n\": {\"enum\": [" + huge + "]}}}",
                "{\"properties\": {\"n\": {\"const\": -1e400}}}");
        int minor = 0;
        for (String schema : schemas) {
            cases.add(new Case("costly schema " + shorten(schema), "POST", model + "/versions", "application/json",
                    "{\"version\": \"4." + minor++ + ".0\", \"config_schema\": " + schema + "}", false));
        }
        for (String parameters : List.of("{\"step\": 1e400}", "{\"step\": -1e400}", "{\"step\": " + huge + "}",
                "{\"step\": " + huge + ".5}", "{\"step\": 1e-400}", "{\"step\": 123456789012345678901234567890}",
                "{\"name\": \"" + "a".repeat(100_000) + "\"}", "{\"label\": \"" + "word ".repeat(20_000) + "\"}",
                "{\"x\": " + "{\"x\": ".repeat(200) + "1" + "}".repeat(200) + "}")) {
            String assignment = "{\"camera_id\": \"7c9e6679-7425-40de-944b-e07fc1f90ae7\", \"model_id\": \"" + seed
                    + "\", \"parameters\": " + parameters + "}";
            cases.add(new Case("extreme parameters " + shorten(parameters), "POST", MODELS + "/validate-assignment",
                    "application/json", assignment, true));
            cases.add(new Case("extreme parameters in a batch " + shorten(parameters), "POST",
                    MODELS + "/validate-assignments", "application/json", "{\"assignments\": [" + assignment + ", "
                    + assignment + "]}", true));
        }
        return cases;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...(" + text.length() + ")";
    }
}
