package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

/**
 * A first run with no key creates one admin key and hands it over once: by default in an owner-only file whose
 * path is logged, or, when asked, on standard output. Everything the application writes is captured, logs included.
 */
class BootstrapAdminKeyTest {

    private static final Pattern KEY = Pattern.compile("amr_[A-Za-z0-9_-]{43}");

    @Test
    void theFirstRunWritesAnAdminKeyToAnOwnerOnlyFileAndNeverToTheLog() throws IOException {
        Path home = Path.of("target", "test-postgres", "bootstrap-" + UUID.randomUUID()).toAbsolutePath();
        Path file = home.resolve("bootstrap-admin-key");
        String firstRun = console(() -> {
            try (ConfigurableApplicationContext app = start(home.resolve("postgres"))) {
                String key = read(file);
                assertThat(new Api(port(app), key).register(Api.uniqueId("bootstrapped")).status()).isEqualTo(201);
            }
        });
        String key = read(file);

        assertThat(KEY.matcher(key).matches()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(firstRun).contains(file.toString()).doesNotContain(key);
        assertThat(KEY.matcher(firstRun).find()).isFalse();
        String secondRun = console(() -> {
            try (ConfigurableApplicationContext app = start(home.resolve("postgres"))) {
                assertThat(new Api(port(app), key).get("/api/v1/ai-models").status()).isEqualTo(200);
            }
        });
        assertThat(read(file)).isEqualTo(key);
        assertThat(KEY.matcher(secondRun).find()).isFalse();
    }

    @Test
    void aKeyFileLeftFromAnEarlierDatabaseIsNeverReplaced() throws IOException {
        Path home = Path.of("target", "test-postgres", "bootstrap-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(home);
        Path file = Files.writeString(home.resolve("bootstrap-admin-key"), "amr_someone-elses-key\n");

        assertThatThrownBy(() -> start(home.resolve("postgres")).close()).hasStackTraceContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("amr_someone-elses-key\n");
    }

    @Test
    void askedToPrintItTheFirstRunPrintsAnAdminKeyOnceAndStoresOnlyItsKeyedHash() {
        Path dataDir = Path.of("target", "test-postgres", "bootstrap-" + UUID.randomUUID());
        String firstRun = console(() -> {
            try (ConfigurableApplicationContext app = start(dataDir, "--registry.security.bootstrap-admin-key-file=")) {
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
            try (ConfigurableApplicationContext app = start(dataDir, "--registry.security.bootstrap-admin-key-file=")) {
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

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new AssertionError("no key file at " + file, e);
        }
    }

    /** The key appears exactly once in everything the application wrote, logs included. */
    private static String onlyKeyIn(String output) {
        Matcher matcher = KEY.matcher(output);
        assertThat(matcher.find()).as("a key was printed").isTrue();
        String key = matcher.group();
        assertThat(output.split(Pattern.quote(key), -1)).hasSize(2);
        return key;
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = {"--server.port=0", "--registry.embedded-postgres.data-dir=" + dataDir,
                "--registry.security.bootstrap-admin-key="};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return new SpringApplicationBuilder(RegistryApplication.class).run(all);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
