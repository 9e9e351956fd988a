package org.vas.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.model.command.ModelCommand;
import org.vas.registry.model.command.ModelCommands;
import org.vas.registry.model.command.PromoteVersion;

/**
 * Imports manifests all or nothing. Every manifest is validated before any command is sent; then the plan is
 * made and carried out in one database transaction, which Axon's command handling joins, so a command that
 * fails halfway rolls back the events and read model rows of the commands before it.
 */
@Component
public class ManifestImporter {

    private final ManifestParser parser = new ManifestParser();
    private final ManifestValidator validator;
    private final ManifestPlanner planner;
    private final ModelCommands commands;
    private final TransactionTemplate writing;
    private final TransactionTemplate reading;

    ManifestImporter(ManifestValidator validator, ManifestPlanner planner, ModelCommands commands,
                     PlatformTransactionManager transactions) {
        this.validator = validator;
        this.planner = planner;
        this.commands = commands;
        this.writing = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /**
     * @param json whether the body is JSON (one object or an array) rather than YAML (one or more documents)
     * @throws MalformedManifestException when the body cannot be read as manifests
     * @throws ManifestRejectedException  when any manifest is invalid or conflicts with the registry
     */
    public ImportReport importManifests(byte[] body, boolean json, ImportOptions options) {
        List<JsonNode> documents = parser.parse(body, json);
        List<Manifest> manifests = validator.validate(documents);
        TransactionTemplate transaction = options.dryRun() ? reading : writing;
        List<ManifestPlanner.ModelPlan> plans = transaction.execute(status -> {
            List<ManifestPlanner.ModelPlan> planned = planner.plan(manifests, options);
            if (!options.dryRun()) {
                planned.forEach(plan -> plan.commands().forEach(commands::send));
            }
            return planned;
        });
        return report(documents.size(), plans, options);
    }

    private static ImportReport report(int manifests, List<ManifestPlanner.ModelPlan> plans, ImportOptions options) {
        List<ImportReport.ModelReport> models = plans.stream().map(plan -> new ImportReport.ModelReport(
                plan.modelId().value(), plan.format().label(), plan.manifests(),
                plan.registers() ? "created" : plan.commands().isEmpty() ? "unchanged" : "changed",
                plan.commands().stream().map(ManifestImporter::describe).toList(),
                Objects.equals(plan.defaultBefore(), plan.defaultAfter()) ? null
                        : new ImportReport.DefaultChange(plan.defaultBefore(), plan.defaultAfter()))).toList();
        int commandCount = plans.stream().mapToInt(plan -> plan.commands().size()).sum();
        return new ImportReport(options.dryRun(), options.enable(), options.promote(), manifests, commandCount,
                models);
    }

    private static ImportReport.PlannedCommand describe(ModelCommand command) {
        String version = command instanceof AddModelVersion add ? add.version().value()
                : command instanceof PromoteVersion promote ? promote.version().value() : null;
        return new ImportReport.PlannedCommand(command.getClass().getSimpleName(), version);
    }
}
