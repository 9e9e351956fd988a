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
import org.vas.registry.model.command.PromoteVersion;
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
 * behind. A model's metadata follows its newest version: an older manifest never overwrites a newer one's. A new
 * version is added without being promoted (only a model's first version becomes its default) unless the import
 * asks to promote, which makes the newest version in the batch the default.
 */
@Component
class ManifestPlanner {

    static final String PROMOTED = "promoted by a manifest import";

    private final ModelReads queries;

    ManifestPlanner(ModelReads queries) {
        this.queries = queries;
    }

    /**
     * One model's part of an import, with the commands that carry it out and its default version before and
     * after them.
     */
    record ModelPlan(ModelId modelId, ManifestFormat format, List<Integer> manifests, List<ModelCommand> commands,
                     boolean registers, String defaultBefore, String defaultAfter) {
    }

    List<ModelPlan> plan(List<Manifest> manifests, ImportOptions options) {
        List<ModelPlan> plans = new ArrayList<>();
        List<ManifestProblem> conflicts = new ArrayList<>();
        for (Map.Entry<ModelId, List<Manifest>> model : ManifestBatch.byModel(manifests).entrySet()) {
            plans.add(plan(model.getKey(), model.getValue(), options, conflicts));
        }
        if (!conflicts.isEmpty()) {
            throw new ManifestRejectedException(conflicts, true);
        }
        return plans;
    }

    private ModelPlan plan(ModelId modelId, List<Manifest> versions, ImportOptions options,
                           List<ManifestProblem> conflicts) {
        Manifest newest = versions.get(versions.size() - 1);
        Optional<ModelView> existing = queries.find(modelId);
        List<ModelCommand> commands = new ArrayList<>();
        if (existing.isEmpty()) {
            commands.add(newest.registration());
        } else if (existing.get().retired()) {
            conflicts.add(new ManifestProblem(newest.index(), modelId.value(), "model_id", "MODEL_RETIRED",
                    "Model '" + modelId + "' is retired and accepts no further commands"));
            String unchanged = existing.get().defaultVersion();
            return new ModelPlan(modelId, newest.format(), versions.stream().map(Manifest::index).toList(),
                    List.of(), false, unchanged, unchanged);
        } else if (!hasNewerVersion(existing.get(), newest.versionNumber())) {
            metadataChange(existing.get(), newest).ifPresent(commands::add);
        }
        String defaultBefore = existing.map(ModelView::defaultVersion).orElse(null);
        String defaultAfter = defaultBefore;
        for (Manifest manifest : versions) {
            Optional<VersionView> stored = existing.isEmpty() ? Optional.empty()
                    : queries.version(modelId, manifest.versionNumber());
            if (stored.isEmpty()) {
                commands.add(manifest.version());
                // The first version a model gets becomes its default; later ones wait for a promotion.
                defaultAfter = Objects.requireNonNullElse(defaultAfter, manifest.versionNumber().value());
            } else if (options.promote() && manifest == newest && !stored.get().enabled()) {
                conflicts.add(new ManifestProblem(manifest.index(), modelId.value(),
                        Manifest.manifestField(manifest.format(), "version"), "VERSION_DISABLED",
                        "Model '" + modelId + "' has version " + manifest.versionNumber()
                                + " disabled; enable it before promoting it"));
            } else if (!stored.get().content().equals(manifest.version().content())) {
                conflicts.add(new ManifestProblem(manifest.index(), modelId.value(),
                        Manifest.manifestField(manifest.format(), "version"), "VERSION_CONFLICT",
                        "Model '" + modelId + "' already has version " + manifest.versionNumber()
                                + " with different content; versions are immutable, add a new version instead"));
            }
        }
        if (options.promote() && !newest.versionNumber().value().equals(defaultAfter)) {
            commands.add(new PromoteVersion(modelId, newest.versionNumber(), PROMOTED, null));
            defaultAfter = newest.versionNumber().value();
        }
        if (options.enable() && (existing.isEmpty() || !existing.get().enabled())) {
            commands.add(new EnableModel(modelId, null));
        }
        return new ModelPlan(modelId, newest.format(), versions.stream().map(Manifest::index).toList(),
                List.copyOf(commands), existing.isEmpty(), defaultBefore, defaultAfter);
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
