package org.vas.registry.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.semver4j.Semver;

/** A model version: a Semantic Versioning 2.0 string, pre-release and build metadata included. */
public record VersionNumber(String value) implements Comparable<VersionNumber> {

    private static final int MAX_LENGTH = 128;

    public VersionNumber {
        if (value == null || value.length() > MAX_LENGTH || !isStrictSemVer(value)) {
            throw new InvalidInputException("INVALID_VERSION", "version",
                    "version must be a Semantic Versioning 2.0 string such as 1.2.0 or 2.0.0-rc.1");
        }
    }

    /** semver4j tolerates a leading {@code v} and similar; a version is stored exactly as SemVer 2.0 writes it. */
    private static boolean isStrictSemVer(String value) {
        Semver parsed = Semver.parse(value);
        return parsed != null && parsed.getVersion().equals(value);
    }

    @JsonCreator
    public static VersionNumber of(String value) {
        return new VersionNumber(value);
    }

    public boolean isPreRelease() {
        return !semver().getPreRelease().isEmpty();
    }

    /** SemVer precedence; versions that differ only in build metadata are ordered by their text. */
    @Override
    public int compareTo(VersionNumber other) {
        int precedence = semver().compareTo(other.semver());
        return precedence != 0 ? precedence : value.compareTo(other.value);
    }

    private Semver semver() {
        return Semver.parse(value);
    }

    /**
     * The version an assignment gets when it names none: the highest enabled release, or, only when no release
     * is enabled, the highest enabled pre-release.
     */
    public static Optional<VersionNumber> preferred(Collection<VersionNumber> enabled) {
        Optional<VersionNumber> release = enabled.stream().filter(v -> !v.isPreRelease()).max(Comparator.naturalOrder());
        return release.isPresent() ? release : enabled.stream().max(Comparator.naturalOrder());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
