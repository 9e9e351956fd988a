package org.vas.registry.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/** How the manifests of one import group: a folder may hold several versions of the same model. */
final class ManifestBatch {

    private ManifestBatch() {
    }

    /** Per model, in order of first appearance; each model's manifests by SemVer precedence, one per version. */
    static Map<ModelId, List<Manifest>> byModel(List<Manifest> manifests) {
        Map<ModelId, Map<VersionNumber, Manifest>> grouped = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            grouped.computeIfAbsent(manifest.modelId(), id -> new HashMap<>())
                    .putIfAbsent(manifest.versionNumber(), manifest);
        }
        Map<ModelId, List<Manifest>> ordered = new LinkedHashMap<>();
        grouped.forEach((id, versions) -> ordered.put(id, versions.values().stream()
                .sorted(Comparator.comparing(Manifest::versionNumber)).toList()));
        return ordered;
    }

    /** The same version of a model twice with different content: one of the two is wrong. */
    static List<ManifestProblem> duplicates(List<Manifest> manifests) {
        Map<String, Manifest> seen = new HashMap<>();
        List<ManifestProblem> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            Manifest earlier = seen.putIfAbsent(manifest.modelId() + "@" + manifest.versionNumber(), manifest);
            if (earlier != null && !earlier.version().content().equals(manifest.version().content())) {
                problems.add(new ManifestProblem(manifest.index(), manifest.modelId().value(),
                        Manifest.manifestField(manifest.format(), "version"), "DUPLICATE_VERSION",
                        "Version " + manifest.versionNumber() + " of model '" + manifest.modelId()
                                + "' is also in manifest " + earlier.index() + " with different content"));
            }
        }
        return problems;
    }
}
