package org.vas.registry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.vas.registry.RegistryApplication;

/**
 * The top-level packages are modules: no cycle between them, and none reaches into another's internals (only its
 * base package and the sub-packages it names with {@code @NamedInterface}). {@code docs/modules} holds the diagrams
 * this structure gives; after a deliberate change, regenerate them:
 * {@code ./mvnw test -Dtest=ModularityTest -Dmodules.write=true}.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(RegistryApplication.class);
    private static final Path COMMITTED = Path.of("docs", "modules");

    @Test
    void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughWhatTheyPublish() {
        MODULES.verify();
    }

    @Test
    void theCommittedModuleDiagramsAreTheOnesTheCodeGives() throws IOException {
        Path generated = Files.createTempDirectory("modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        if (Boolean.getBoolean("modules.write")) {
            Files.createDirectories(COMMITTED);
            for (Path file : files(generated)) {
                Files.copy(generated.resolve(file), COMMITTED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(files(COMMITTED)).as("docs/modules; regenerate with -Dmodules.write=true")
                .containsExactlyElementsOf(files(generated));
        for (Path file : files(generated)) {
            assertThat(lines(COMMITTED.resolve(file)))
                    .as("docs/modules/%s differs from the code's modules; regenerate with -Dmodules.write=true", file)
                    .isEqualTo(lines(generated.resolve(file)));
        }
    }

    /** The Documenter writes components and relations in no stable order, so they are compared as sets. */
    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::getFileName).sorted().toList();
        }
    }
}
