package org.vas.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.vas.registry.manifest.ImportOptions;
import org.vas.registry.manifest.ImportReport;
import org.vas.registry.manifest.MalformedManifestException;
import org.vas.registry.manifest.ManifestImporter;
import org.vas.registry.manifest.ManifestProblem;
import org.vas.registry.manifest.ManifestRejectedException;

/**
 * {@code import <dir> [--dry-run] [--enable] [--promote]}: the manifests under a folder, imported as one batch by
 * the same importer as {@code POST /api/v1/ai-models/import}, all or nothing. One line per manifest says which file
 * it came from and what became of its model, and of its default version when that moves.
 */
final class ImportCommand {

    private record Source(Path file, int manifests) {
    }

    private ImportCommand() {
    }

    static int run(List<String> arguments, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        boolean enable = false;
        boolean promote = false;
        Path folder = null;
        List<String> settings = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("--dry-run")) {
                dryRun = true;
            } else if (argument.equals("--enable")) {
                enable = true;
            } else if (argument.equals("--promote")) {
                promote = true;
            } else if (argument.startsWith("--")) {
                settings.add(argument);
            } else if (folder == null) {
                folder = Path.of(argument);
            } else {
                return usage(err, "one folder only, got '" + folder + "' and '" + argument + "'");
            }
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return usage(err, folder == null ? "a folder of manifests is needed" : "'" + folder + "' is not a folder");
        }
        List<Source> sources = new ArrayList<>();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        try {
            for (Path file : manifestFiles(folder)) {
                byte[] content = Files.readAllBytes(file);
                sources.add(new Source(folder.relativize(file), documents(content)));
                // The newline before each separator keeps a file without a final newline from running on.
                batch.write("\n---\n".getBytes(StandardCharsets.UTF_8));
                batch.write(content);
            }
        } catch (IOException e) {
            err.println("Cannot read the manifests in " + folder.toAbsolutePath() + ": " + e.getMessage());
            return RegistryCommandLine.FAILED;
        }
        if (sources.isEmpty()) {
            err.println("No manifest (*.yaml, *.yml) in " + folder.toAbsolutePath());
            return RegistryCommandLine.FAILED;
        }
        out.println((dryRun ? "Checking " : "Importing ") + sources.size() + " file(s) from "
                + folder.toAbsolutePath());
        try (ConfigurableApplicationContext registry = Offline.start(settings)) {
            Offline.describe(registry, out);
            ImportReport report = registry.getBean(ManifestImporter.class)
                    .importManifests(batch.toByteArray(), false, new ImportOptions(dryRun, enable, promote));
            List<String> origins = origins(sources);
            for (ImportReport.ModelReport model : report.models()) {
                for (int manifest : model.manifests()) {
                    out.println("manifest " + (manifest + 1) + "/" + report.manifests() + " " + origins.get(manifest)
                            + ": " + model.modelId() + " " + (dryRun ? "would be " : "") + model.outcome()
                            + (model.defaultVersion() == null ? "" : ", default version "
                            + Objects.requireNonNullElse(model.defaultVersion().before(), "none") + " -> "
                            + model.defaultVersion().after()));
                }
            }
            out.println((dryRun ? "Dry run: " : "Imported: ") + report.manifests() + " manifest(s), "
                    + report.models().size() + " model(s), " + report.commands() + " command(s)"
                    + (dryRun ? " planned, nothing written" : ""));
            return RegistryCommandLine.OK;
        } catch (MalformedManifestException e) {
            err.println("Nothing imported: " + e.getMessage());
            return RegistryCommandLine.FAILED;
        } catch (ManifestRejectedException e) {
            List<String> origins = origins(sources);
            for (ManifestProblem problem : e.problems()) {
                String origin = problem.manifest() < origins.size() ? origins.get(problem.manifest()) : "?";
                err.println("manifest " + (problem.manifest() + 1) + " " + origin
                        + (problem.modelId() == null ? "" : " (" + problem.modelId() + ")")
                        + (problem.field() == null || problem.field().isEmpty() ? "" : " " + problem.field())
                        + ": " + problem.code() + " " + problem.message());
            }
            err.println("Nothing imported: " + e.getMessage().replace("; nothing was imported", "")
                    + (e.conflict() ? ", in conflict with the registry" : ""));
            return RegistryCommandLine.FAILED;
        } catch (RuntimeException e) {
            return Offline.unavailable(e, err);
        }
    }

    private static List<Path> manifestFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * How many YAML documents a file holds, to name the file each manifest of the batch came from. The importer
     * reads the batch itself; a file that cannot be read here is refused there, with the reason.
     */
    private static int documents(byte[] content) {
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(content)) {
            int count = 0;
            while (documents.hasNextValue()) {
                documents.nextValue();
                count++;
            }
            return count;
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    private static List<String> origins(List<Source> sources) {
        List<String> origins = new ArrayList<>();
        for (Source source : sources) {
            for (int i = 0; i < source.manifests(); i++) {
                origins.add(source.file().toString());
            }
        }
        return origins;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("import: " + problem);
        err.println("Usage: java -jar registry.jar import <dir> [--dry-run] [--enable] [--promote] "
                + "[--setting=value ...]");
        return RegistryCommandLine.USAGE;
    }
}
