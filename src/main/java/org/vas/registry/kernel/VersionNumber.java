package org.vas.registry.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.semver4j.Semver;

/** A model version: a Semantic Versioning 2.0 string, pre-release and build metadata included. */
public record VersionNumber(String value) implements Comparable<VersionNumber> {

    private static final int MAX_LENGTH = 128;
    /**
     * Versions are compared wherever a model's state is built (a fold orders every state's versions), and parsing
     * is most of what a comparison costs; a fleet has few distinct version strings. A record cannot keep its parsed
     * form beside its value, so the parsed forms are kept here, bounded, as requests can name versions too.
     */
    private static final Cache<String, Semver> PARSED = Caffeine.newBuilder().maximumSize(10_000).build();

    public VersionNumber {
        if (value == null || value.length() > MAX_LENGTH || !isStrictSemVer(value)) {
            throw new InvalidInputException("INVALID_VERSION", "version",
                    "version must be a Semantic Versioning 2.0 string such as 1.2.0 or 2.0.0-rc.1");
        }
    }

    /** semver4j tolerates a leading {@code v} and similar; a version is stored exactly as SemVer 2.0 writes it. */
    private static boolean isStrictSemVer(String value) {
        Semver parsed = parsed(value);
        return parsed != null && parsed.getVersion().equals(value);
    }

    @JsonCreator
    public static VersionNumber of(String value) {
        return new VersionNumber(value);
    }

    public boolean isPreRelease() {
        return !parsed(value).getPreRelease().isEmpty();
    }

    /** SemVer precedence; versions that differ only in build metadata are ordered by their text. */
    @Override
    public int compareTo(VersionNumber other) {
        int precedence = parsed(value).compareTo(parsed(other.value));
        return precedence != 0 ? precedence : value.compareTo(other.value);
    }

    private static Semver parsed(String value) {
        return PARSED.get(value, Semver::parse);
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
