package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.RegistryApplication;
import org.vas.registry.access.query.ApiKeys;
import org.vas.registry.support.Api;

/** A first run with no key creates one admin key and shows it once, on the console only. */
class BootstrapAdminKeyTest {

    private static final Pattern KEY = Pattern.compile("amr_[A-Za-z0-9_-]{43}");

    @Test
    void theFirstRunPrintsAnAdminKeyOnceAndStoresOnlyItsHash() {
        Path dataDir = Path.of("target", "test-postgres", "bootstrap-" + UUID.randomUUID());
        String firstRun = console(() -> {
            try (ConfigurableApplicationContext app = start(dataDir)) {
                String key = onlyKeyIn(captured.toString(StandardCharsets.UTF_8));
                Api admin = new Api(port(app), key);
                assertThat(admin.register(Api.uniqueId("bootstrapped")).status()).isEqualTo(201);
                assertThat(admin.get("/api/v1/registry/events?type=ApiKeyIssued").status()).isEqualTo(200);
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("SELECT key_hash FROM api_key", String.class))
                        .isEqualTo(app.getBean(ApiKeys.class).keyedHash(key));
            }
        });
        String key = onlyKeyIn(firstRun);

        String secondRun = console(() -> {
            try (ConfigurableApplicationContext app = start(dataDir)) {
                assertThat(new Api(port(app), key).get("/api/v1/ai-models").status()).isEqualTo(200);
                assertThat(new Api(port(app), null).get("/api/v1/ai-models").status()).isEqualTo(401);
            }
        });
        assertThat(secondRun).doesNotContain(key);
        assertThat(KEY.matcher(secondRun).find()).isFalse();
    }

    private static ByteArrayOutputStream captured;

    private static String console(Runnable run) {
        PrintStream original = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The key appears exactly once in everything the application wrote, logs included. */
    private static String onlyKeyIn(String output) {
        Matcher matcher = KEY.matcher(output);
        assertThat(matcher.find()).as("a key was printed").isTrue();
        String key = matcher.group();
        assertThat(output.split(Pattern.quote(key), -1)).hasSize(2);
        return key;
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.embedded-postgres.data-dir=" + dataDir,
                        "--registry.security.bootstrap-admin-key=");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
