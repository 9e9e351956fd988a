package org.vas.registry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.Contract;
import org.vas.registry.support.RegistryTest;

/** Text the read model could not hold as the log holds it never gets in, however it is spelled. */
@RegistryTest
class WellFormedTextTest {

    private static final String MODELS = "/api/v1/ai-models";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLoneSurrogateOrNulIsRefusedWhetherEscapedOrEncodedAndTheReadModelStaysConsistent() throws Exception {
        Api api = new Api(port);
        String id = Api.uniqueId("unicode");
        long before = head();

        Api.Response escaped = api.post(MODELS, "{\"model_id\":\"" + id + "\",\"name\":\"a\\ud800b\"}");
        assertThat(escaped.status()).as(escaped.toString()).isEqualTo(400);
        assertThat(escaped.json().path("code").textValue()).isEqualTo("INVALID_TEXT");
        assertThat(escaped.json().path("field").textValue()).isEqualTo("name");

        // U+D800 as the three bytes a CESU-8 encoder writes: not UTF-8, but a lenient decoder reads a surrogate.
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("{\"model_id\":\"" + id + "\",\"name\":\"a").getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        raw.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> encoded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + MODELS))
                .header("Content-Type", "application/json").header("X-API-Key", Api.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        Contract.check("POST", encoded.uri(), encoded);
        assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(400);

        assertThat(api.register(id).status()).isEqualTo(201);
        Api.Response nulInASchema = api.post(MODELS + "/" + id + "/versions", Map.of("version", "1.0.0",
                "config_schema", Map.of("type", "object", "description", "a\u0000b")));
        assertThat(nulInASchema.status()).as(nulInASchema.toString()).isEqualTo(400);
        assertThat(nulInASchema.json().path("field").textValue()).isEqualTo("config_schema.description");
        Api.Response nulInAQuery = api.get(MODELS + "?q=a%00b");
        assertThat(nulInAQuery.status()).as(nulInAQuery.toString()).isEqualTo(400);
        assertThat(nulInAQuery.json().path("code").textValue()).isEqualTo("INVALID_TEXT");

        assertThat(head()).isEqualTo(before + 1);
        Api.Response verify = api.get("/api/v1/admin/verify");
        assertThat(verify.json().path("consistent").booleanValue()).as(verify.toString()).isTrue();
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndChangesNothing() {
        Api api = new Api(port);
        String id = Api.uniqueId("twice");
        api.register(id);
        api.addVersion(id, "1.0.0", 10, null);
        long before = head();

        for (String command : new String[] {"/disable", "/retire", "/versions/1.0.0/disable"}) {
            Api.Response response = api.post(MODELS + "/" + id + command, "{\"reason\":\"a\",\"reason\":\"b\"}");
            assertThat(response.status()).as(command + " -> " + response).isEqualTo(400);
            assertThat(response.json().path("code").textValue()).isEqualTo("MALFORMED_JSON");
        }
        Api.Response register = api.post(MODELS, "{\"model_id\":\"" + Api.uniqueId("twice") + "\",\"name\":\"a\","
                + "\"name\":\"b\"}");
        assertThat(register.status()).as(register.toString()).isEqualTo(400);
        assertThat(head()).isEqualTo(before);
    }

    @Test
    void aRequestForTheErrorPathIsNotFound() {
        for (Api api : new Api[] {new Api(port), new Api(port, null)}) {
            Api.Response error = api.get("/error");
            assertThat(error.status()).as(error.toString()).isEqualTo(404);
            assertThat(error.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }
}
