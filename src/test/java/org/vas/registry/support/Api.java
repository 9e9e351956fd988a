package org.vas.registry.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for the registry's API, so tests go through the real server, filters and all. It sends the
 * test applications' bootstrap admin key (every role) unless made with another key or none. Every answer is checked
 * against the committed API description ({@link Contract}).
 */
public class Api {

    /** The bootstrap admin key every test application is started with. */
    public static final String ADMIN_KEY = "test-bootstrap-admin-key-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String key;

    public Api(int port) {
        this(port, ADMIN_KEY);
    }

    /** A client presenting this key, or no credential at all when it is null. */
    public Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** A model id no other test uses. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The ids of the models a list answer shows, in its order. */
    public static List<String> modelIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("models").forEach(model -> ids.add(model.get("model_id").asText()));
        return ids;
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, "application/json", headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, "application/merge-patch+json", headers);
    }

    public Response send(String method, String path, Object body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text(body)));
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Contract.check(method, response.uri(), response);
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a disabled model with a name and one task. */
    public Response register(String modelId) {
        return post("/api/v1/ai-models", Map.of("model_id", modelId, "name", "Model " + modelId,
                "supported_tasks", java.util.List.of("object_detection")));
    }

    /** Adds a version with a max fps and, when given, a config schema. */
    public Response addVersion(String modelId, String version, Integer maxFps, Object configSchema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        if (maxFps != null) {
            body.put("performance", Map.of("recommended_fps", 1, "max_fps", maxFps));
        }
        if (configSchema != null) {
            body.put("config_schema", configSchema);
        }
        return post("/api/v1/ai-models/" + modelId + "/versions", body);
    }

    private static String text(Object body) {
        if (body instanceof String raw) {
            return raw;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON: " + raw.body(), e);
            }
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
