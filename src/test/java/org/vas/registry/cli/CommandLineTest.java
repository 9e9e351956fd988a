package org.vas.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.SharedPostgres;

/**
 * The registry's command line as an operator runs it: a process of its own, started in a folder of its own, its
 * output and exit status read as a script would.
 */
class CommandLineTest {

    private static final Path FIXTURES = Path.of("src/test/resources/manifests").toAbsolutePath();

    record Run(int status, String out, String err) {
    }

    @Test
    void helpPrintsTheCommandsAndSettingsAndStartsNothing(@TempDir Path workingDirectory) throws Exception {
        Run help = run(workingDirectory, Map.of(), "--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("import <dir> [--dry-run] [--enable] [--promote]", "verify ", "verify-log",
                "REGISTRY_DATA_DIR", "SPRING_DATASOURCE_URL", "relative to the directory the process starts in");
        try (Stream<Path> created = Files.list(workingDirectory)) {
            assertThat(created).isEmpty();
        }
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage(@TempDir Path workingDirectory) throws Exception {
        Run unknown = run(workingDirectory, Map.of(), "frobnicate");

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'", "Usage:");
        try (Stream<Path> created = Files.list(workingDirectory)) {
            assertThat(created).isEmpty();
        }
    }

    @Test
    void importWritesEveryManifestWithALineEachAndVerifyFindsTheReadModelConsistentUntilItIsTamperedWith(
            @TempDir Path workingDirectory) throws Exception {
        try (SharedPostgres postgres = new SharedPostgres("cli-import")) {
            Map<String, String> database = postgres.environment();

            Run dryRun = run(workingDirectory, database, "import", FIXTURES.toString(), "--dry-run");
            assertThat(dryRun.status()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("Registry: external PostgreSQL at jdbc:postgresql://localhost:",
                    "manifest 1/10 contract-v1.0.0/chane_tank_monitor/1.0.0/model.yaml: chane_tank_monitor would be"
                            + " created, default version none -> 1.0.0", "nothing written");
            JdbcTemplate owner = new JdbcTemplate(postgres.ownerDataSource());
            assertThat(owner.queryForObject("SELECT count(*) FROM model", Long.class)).isZero();

            Run imported = run(workingDirectory, database, "import", FIXTURES.toString(), "--enable");
            assertThat(imported.status()).as(imported.err()).isZero();
            assertThat(imported.out().lines().filter(line -> line.startsWith("manifest "))).hasSize(10);
            assertThat(imported.out()).contains("manifest 10/10 legacy/yolov8n_model.yaml: yolov8n created",
                    "Imported: 10 manifest(s), 10 model(s)");
            assertThat(owner.queryForObject("SELECT count(*) FROM model WHERE enabled", Long.class)).isEqualTo(10);

            // Each model's newest version is its default already: promoting it again changes nothing.
            Run again = run(workingDirectory, database, "import", FIXTURES.toString(), "--enable", "--promote");
            assertThat(again.status()).as(again.err()).isZero();
            assertThat(again.out()).contains("yolov8n unchanged", "0 command(s)");

            Run consistent = run(workingDirectory, database, "verify");
            assertThat(consistent.status()).as(consistent.err()).isZero();
            assertThat(consistent.out()).contains("Consistent: 10 model(s) checked");

            owner.update("UPDATE model SET name = 'tampered' WHERE model_id = 'yolov8n'");
            Run inconsistent = run(workingDirectory, database, "verify");
            assertThat(inconsistent.status()).isEqualTo(1);
            assertThat(inconsistent.out()).contains("difference: yolov8n name", "Inconsistent: 10 model(s)");
        }
    }

    @Test
    void aRefusedImportNamesTheFileAndTheProblemWritesNothingAndExitsOne(@TempDir Path workingDirectory)
            throws Exception {
        Path manifests = Files.createDirectories(workingDirectory.resolve("manifests"));
        Files.copy(FIXTURES.resolve("legacy/yolov8n_model.yaml"), manifests.resolve("a-good.yaml"));
        Files.writeString(manifests.resolve("b-bad.yaml"), "model_id: Not A Valid Id\nname: x\n");
        try (SharedPostgres postgres = new SharedPostgres("cli-refused")) {
            Run refused = run(workingDirectory, postgres.environment(), "import", "manifests");

            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("manifest 2 b-bad.yaml", "Nothing imported");
            assertThat(new JdbcTemplate(postgres.ownerDataSource())
                    .queryForObject("SELECT count(*) FROM model", Long.class)).isZero();
        }
    }

    @Test
    void aRelativeDataDirectoryIsResolvedAgainstTheWorkingDirectoryAndPrintedAbsolute(@TempDir Path workingDirectory)
            throws Exception {
        Run verify = run(workingDirectory, Map.of("REGISTRY_DATA_DIR", "registry-data/postgres"), "verify");

        assertThat(verify.status()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Registry: embedded PostgreSQL in "
                + workingDirectory.toRealPath().resolve("registry-data/postgres"), "Consistent: 0 model(s)");
        // A command serves no API: it hands out no first admin key.
        assertThat(workingDirectory.resolve("registry-data/bootstrap-admin-key")).doesNotExist();
    }

    /** The registry's main class in a JVM of its own, in that folder, as {@code java -jar registry.jar} runs it. */
    static Run run(Path workingDirectory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "org.vas.registry.RegistryApplication"));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after 3 minutes: " + String.join(" ", arguments)
                    + "\n" + Files.readString(out));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
