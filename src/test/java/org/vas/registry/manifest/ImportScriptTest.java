package org.vas.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** The documented command-line import, run as an operator would run it. */
@RegistryTest
class ImportScriptTest {

    @LocalServerPort
    int port;

    @Test
    void theScriptSendsAFolderOfManifestsAsOneBatch() throws Exception {
        Result result = run("--dry-run", "src/test/resources/manifests");

        assertThat(result.exit()).as(result.output()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.output());
        assertThat(report.path("dry_run").booleanValue()).isTrue();
        assertThat(report.path("manifests").intValue()).isEqualTo(10);
        assertThat(report.path("models")).hasSize(10);
    }

    @Test
    void theScriptFailsWithTheProblemWhenTheRegistryRefuses(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("model.yaml"), "model_id: Not Valid\n");

        Result result = run(folder.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("INVALID_MANIFEST").contains("model_id");
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 4];
        command[0] = "bash";
        command[1] = "scripts/import-manifests.sh";
        command[2] = "--url";
        command[3] = "http://localhost:" + port;
        System.arraycopy(arguments, 0, command, 4, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REGISTRY_API_KEY", Api.ADMIN_KEY);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output.strip());
    }

    private record Result(int exit, String output) {
    }
}
