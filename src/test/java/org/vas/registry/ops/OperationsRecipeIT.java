package org.vas.registry.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vas.registry.support.Api;
import org.vas.registry.support.SharedPostgres;

/**
 * The deployment recipe, tried without a container engine (none is reachable on the build machines): the
 * Dockerfile's own steps, read from the Dockerfile, performed on the jar this build packaged (so this runs after
 * {@code package}, under failsafe), and the start command with the image's environment against a PostgreSQL, as
 * compose.yaml runs it. What is not run here: pulling the base image and {@code docker build} itself.
 */
class OperationsRecipeIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void everyDocumentedStartBoundsTheHeapWithTheSameOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String options = jvmOptions();
        assertThat(options).contains("-Xmx");

        assertThat(dockerfileEnvironment()).containsEntry("JAVA_OPTS", options);
        assertThat(Files.readString(Path.of("scripts/registry"))).contains("${JAVA_OPTS:-" + options + "}");
        assertThat(pom).contains("<jvmArguments>${registry.jvm-options}</jvmArguments>",
                "-Dbench.registry-options=${registry.jvm-options}");

        String arenas = pomProperty("registry.malloc-arena-max");
        assertThat(dockerfileEnvironment()).containsEntry("MALLOC_ARENA_MAX", arenas);
        assertThat(Files.readString(Path.of("scripts/registry"))).contains("${MALLOC_ARENA_MAX:-" + arenas + "}");
        assertThat(pom).contains("<MALLOC_ARENA_MAX>${registry.malloc-arena-max}</MALLOC_ARENA_MAX>",
                "<malloc-arena-max>${registry.malloc-arena-max}</malloc-arena-max>",
                "-Dbench.malloc-arena-max=${registry.malloc-arena-max}");
    }

    @Test
    void theDockerfilesStepsExtractTheLayersAndTheirStartCommandServesAndPassesTheHealthCheck(@TempDir Path build)
            throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Path jar = packagedJar();

        // RUN java -Djarmode=tools -jar app.jar extract ..., in the build stage's WORKDIR with the jar as app.jar.
        Files.copy(jar, build.resolve("app.jar"));
        String extract = line(dockerfile, "RUN java -Djarmode=tools").substring("RUN ".length());
        assertThat(exec(build, Map.of(), "sh", "-c", extract)).isZero();

        // The COPY --from=extract lines, in their order, into the final stage's WORKDIR.
        Path app = Files.createDirectories(build.resolve("opt-registry"));
        Matcher copies = Pattern.compile("(?m)^COPY --from=extract /build/(\\S+)/ \\./$").matcher(dockerfile);
        List<String> layers = new ArrayList<>();
        while (copies.find()) {
            layers.add(copies.group(1));
            copyTree(build.resolve(copies.group(1)), app);
        }
        assertThat(layers).containsExactly("extracted/dependencies", "extracted/spring-boot-loader",
                "extracted/snapshot-dependencies", "extracted/application");
        assertThat(dockerfile).contains("USER registry").containsPattern("useradd .*registry");

        Map<String, String> environment = new LinkedHashMap<>(dockerfileEnvironment());
        Path dataHome = Files.createDirectories(build.resolve("var-lib-registry"));
        environment.put("REGISTRY_DATA_DIR", dataHome.resolve("postgres").toString());
        environment.put("PORT", String.valueOf(freePort()));
        environment.put("REGISTRY_BOOTSTRAP_ADMIN_KEY", Api.ADMIN_KEY);
        List<String> entrypoint = entrypoint(dockerfile);
        try (SharedPostgres postgres = new SharedPostgres("recipe")) {
            environment.putAll(postgres.environment());
            Path log = build.resolve("registry.log");
            ProcessBuilder start = new ProcessBuilder(entrypoint).directory(app.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            start.environment().putAll(environment);
            Process registry = start.start();
            String startLog;
            try {
                String healthCheck = line(dockerfile, "HEALTHCHECK").replaceFirst("^.* CMD ", "");
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                int health = 1;
                while (health != 0 && System.nanoTime() < deadline && registry.isAlive()) {
                    Thread.sleep(500);
                    health = exec(app, environment, "sh", "-c", healthCheck);
                }
                assertThat(health).as(Files.readString(log)).isZero();

                // The health check is liveness; readiness follows once the projections have caught up.
                Api api = new Api(Integer.parseInt(environment.get("PORT")), Api.ADMIN_KEY);
                int ready = api.get("/actuator/health/readiness").status();
                while (ready != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    ready = api.get("/actuator/health/readiness").status();
                }
                assertThat(ready).isEqualTo(200);
                var info = new ObjectMapper().readTree(api.get("/actuator/info").body());
                assertThat(info.at("/registry/database").asText()).isEqualTo("external");
                assertThat(info.at("/build/version").asText()).isNotBlank();
                assertThat(ProcessHandle.of(registry.pid()).flatMap(h -> h.info().arguments())
                        .map(List::of).orElse(List.of())).contains("-Xmx288m", "-XX:+UseSerialGC");
                startLog = Files.readString(log);
            } finally {
                registry.destroy();
                if (!registry.waitFor(60, TimeUnit.SECONDS)) {
                    registry.destroyForcibly();
                }
            }
            // Nothing an operator would have to read twice: no warning, no stack trace, up to being ready.
            assertThat(startLog).doesNotContain("Exception", " WARN ");
        }
    }

    @Test
    void aBareJavaJarRunsTheRegistryInAChildWithTheDefaultBoundThatStopsWhenItsParentIsKilled(@TempDir Path workingDirectory)
            throws Exception {
        String options = jvmOptions();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = packagedJar().toAbsolutePath().toString();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", String.valueOf(freePort()));
        environment.put("REGISTRY_BOOTSTRAP_ADMIN_KEY", Api.ADMIN_KEY);
        try (SharedPostgres postgres = new SharedPostgres("bare-jar")) {
            environment.putAll(postgres.environment());
            Path log = workingDirectory.resolve("registry.log");
            ProcessBuilder start = new ProcessBuilder(java, "-jar", jar).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            start.environment().putAll(environment);
            Process parent = start.start();
            ProcessHandle child;
            try {
                Api api = new Api(Integer.parseInt(environment.get("PORT")), Api.ADMIN_KEY);
                // Two JVMs start one after the other, on build machines that run several builds at once.
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                // Ready, not only live: liveness is UP before the application runners, one of which issues the
                // bootstrap admin key the metric below is read with.
                while (parent.isAlive() && System.nanoTime() < deadline && !ready(api)) {
                    Thread.sleep(500);
                }
                assertThat(ready(api)).as(Files.readString(log)).isTrue();
                child = parent.toHandle().children().findFirst().orElseThrow();
                assertThat(child.info().arguments().map(List::of).orElse(List.of()))
                        .containsSubsequence(List.of(options.split(" ")));
                assertThat(Files.readString(Path.of("/proc", String.valueOf(child.pid()), "environ")).split("\0"))
                        .contains("MALLOC_ARENA_MAX=" + pomProperty("registry.malloc-arena-max"));
                Api.Response heap = api.get("/actuator/metrics/jvm.memory.max?tag=area:heap");
                assertThat(heap.status()).as(heap.body()).isEqualTo(200);
                double maxHeap = new ObjectMapper().readTree(heap.body()).at("/measurements/0/value").asDouble();
                assertThat(maxHeap).isPositive().isLessThanOrEqualTo(maxHeapBytes(options));
                assertThat(Files.readString(log)).startsWith("No heap limit given: running the registry with "
                        + options);
            } finally {
                // Killed outright, the first JVM cannot pass anything on: the child notices and stops by itself.
                parent.destroyForcibly();
                parent.waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(child.onExit().get(90, TimeUnit.SECONDS).isAlive()).isFalse();
        }

        // The child's exit status is the command's: an unknown command is a usage error (2) either way.
        Process unknown = new ProcessBuilder(java, "-jar", jar, "frobnicate").directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(workingDirectory.resolve("unknown.log").toFile()).start();
        assertThat(unknown.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
        assertThat(Files.readString(workingDirectory.resolve("unknown.log")))
                .contains("No heap limit given", "Unknown command 'frobnicate'");
    }

    private static boolean ready(Api api) {
        try {
            return api.get("/actuator/health/readiness").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static long maxHeapBytes(String options) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(options);
        assertThat(xmx.find()).isTrue();
        return Long.parseLong(xmx.group(1)) * 1024 * 1024;
    }

    private static String jvmOptions() throws IOException {
        return pomProperty("registry.jvm-options");
    }

    private static String pomProperty(String name) throws IOException {
        Matcher declared = Pattern.compile("<" + Pattern.quote(name) + ">(.+)</" + Pattern.quote(name) + ">")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(declared.find()).as(name).isTrue();
        return declared.group(1);
    }

    /** The ENTRYPOINT, with the environment the ENV lines set; the Dockerfile's own shell form starts java. */
    private List<String> entrypoint(String dockerfile) throws IOException {
        String json = line(dockerfile, "ENTRYPOINT ").substring("ENTRYPOINT ".length());
        List<String> command = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(part -> command.add(part.asText()));
        return command;
    }

    private static Map<String, String> dockerfileEnvironment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher env = Pattern.compile("(?m)^ENV (\\w+)=\"?(.*?)\"?$").matcher(Files.readString(DOCKERFILE));
        while (env.find()) {
            environment.put(env.group(1), env.group(2));
        }
        return environment;
    }

    private static String line(String dockerfile, String start) {
        return dockerfile.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in the Dockerfile"));
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("ai-model-registry-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no packaged jar: run after package"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static int exec(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).inheritIO();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
