package org.vas.registry.manifest;

import java.util.List;

/**
 * An import refused before anything was written. {@code conflict} says whether the manifests are wrong in
 * themselves (false) or disagree with what the registry already holds (true).
 */
public final class ManifestRejectedException extends RuntimeException {

    private final transient List<ManifestProblem> problems;
    private final boolean conflict;

    ManifestRejectedException(List<ManifestProblem> problems, boolean conflict) {
        super(problems.size() + " problem(s) in the manifests; nothing was imported", null, false, false);
        this.problems = List.copyOf(problems);
        this.conflict = conflict;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    public boolean conflict() {
        return conflict;
    }
}
