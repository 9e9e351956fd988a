package org.vas.registry.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.command.EnableModel;
import org.vas.registry.model.command.ModelCommand;
import org.vas.registry.model.command.RegisterModel;
import org.vas.registry.model.command.UpdateModelMetadata;
import org.vas.registry.model.query.ModelReads;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.VersionSummary;
import org.vas.registry.model.query.VersionView;
import org.vas.registry.model.state.ModelState;

/**
 * Decides which commands an import needs by comparing the manifests with the read model: register a new model,
 * update metadata that differs, add versions the model lacks, and nothing for what is already there. The
 * aggregate's own no-op rules back this up, so a repeated import writes no event even if the read model were
 * behind. A model's metadata follows its newest version: an older manifest never overwrites a newer one's.
 */
@Component
class ManifestPlanner {

    private final ModelReads queries;

    ManifestPlanner(ModelReads queries) {
        this.queries = queries;
    }

    /** One model's part of an import, with the commands that carry it out. */
    record ModelPlan(ModelId modelId, ManifestFormat format, List<Integer> manifests, List<ModelCommand> commands,
                     boolean registers) {
    }

    List<ModelPlan> plan(List<Manifest> manifests, boolean enable) {
        List<ModelPlan> plans = new ArrayList<>();
        List<ManifestProblem> conflicts = new ArrayList<>();
        for (Map.Entry<ModelId, List<Manifest>> model : ManifestBatch.byModel(manifests).entrySet()) {
            plans.add(plan(model.getKey(), model.getValue(), enable, conflicts));
        }
        if (!conflicts.isEmpty()) {
            throw new ManifestRejectedException(conflicts, true);
        }
        return plans;
    }

    private ModelPlan plan(ModelId modelId, List<Manifest> versions, boolean enable,
                           List<ManifestProblem> conflicts) {
        Manifest newest = versions.get(versions.size() - 1);
        Optional<ModelView> existing = queries.find(modelId);
        List<ModelCommand> commands = new ArrayList<>();
        if (existing.isEmpty()) {
            commands.add(newest.registration());
        } else if (existing.get().retired()) {
            conflicts.add(new ManifestProblem(newest.index(), modelId.value(), "model_id", "MODEL_RETIRED",
                    "Model '" + modelId + "' is retired and accepts no further commands"));
            return new ModelPlan(modelId, newest.format(), versions.stream().map(Manifest::index).toList(),
                    List.of(), false);
        } else if (!hasNewerVersion(existing.get(), newest.versionNumber())) {
            metadataChange(existing.get(), newest).ifPresent(commands::add);
        }
        for (Manifest manifest : versions) {
            Optional<VersionView> stored = existing.isEmpty() ? Optional.empty()
                    : queries.version(modelId, manifest.versionNumber());
            if (stored.isEmpty()) {
                commands.add(manifest.version());
            } else if (!stored.get().content().equals(manifest.version().content())) {
                conflicts.add(new ManifestProblem(manifest.index(), modelId.value(),
                        Manifest.manifestField(manifest.format(), "version"), "VERSION_CONFLICT",
                        "Model '" + modelId + "' already has version " + manifest.versionNumber()
                                + " with different content; versions are immutable, add a new version instead"));
            }
        }
        if (enable && (existing.isEmpty() || !existing.get().enabled())) {
            commands.add(new EnableModel(modelId, null));
        }
        return new ModelPlan(modelId, newest.format(), versions.stream().map(Manifest::index).toList(),
                List.copyOf(commands), existing.isEmpty());
    }

    private static boolean hasNewerVersion(ModelView model, VersionNumber version) {
        return model.versions().stream().map(VersionSummary::version).map(VersionNumber::of)
                .anyMatch(stored -> stored.compareTo(version) > 0);
    }

    private static Optional<ModelCommand> metadataChange(ModelView model, Manifest manifest) {
        RegisterModel wanted = manifest.registration();
        String name = wanted.name().equals(model.name()) ? null : wanted.name();
        // An empty description clears it: the change is the empty string, which the fold reads as "none".
        String description = Objects.equals(ModelState.description(wanted.description()),
                ModelState.description(model.description()))
                ? null : Objects.requireNonNullElse(wanted.description(), "");
        List<String> tasks = manifest.declaresTasks() && !wanted.supportedTasks().equals(model.supportedTasks())
                ? wanted.supportedTasks() : null;
        if (name == null && description == null && tasks == null) {
            return Optional.empty();
        }
        return Optional.of(new UpdateModelMetadata(manifest.modelId(), name, description, tasks, null, false,
                null));
    }

}
