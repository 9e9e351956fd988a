package org.vas.registry.manifest;

import java.util.List;
import java.util.Map;
import org.vas.registry.kernel.RegistryException;

/**
 * An import refused before anything was written. {@code conflict} says whether the manifests are wrong in
 * themselves (400) or disagree with what the registry already holds (409). The answer lists every problem with
 * its manifest and field under {@code errors}.
 */
public final class ManifestRejectedException extends RegistryException {

    private final transient List<ManifestProblem> problems;

    ManifestRejectedException(List<ManifestProblem> problems, boolean conflict) {
        super(conflict ? 409 : 400, conflict ? "MANIFEST_CONFLICT" : "INVALID_MANIFEST",
                problems.size() + " problem(s) in the manifests; nothing was imported");
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, with its manifest and field. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    /** Whether the manifests are valid but disagree with what the registry holds. */
    public boolean conflict() {
        return "MANIFEST_CONFLICT".equals(code());
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", problems);
    }
}
