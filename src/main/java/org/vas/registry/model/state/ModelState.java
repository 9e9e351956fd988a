package org.vas.registry.model.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.event.AliasMoved;
import org.vas.registry.model.event.AliasRemoved;
import org.vas.registry.model.event.DefaultVersionChanged;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;

/**
 * A model as its events made it. {@link #evolve} is the one fold of a model's events: the aggregate decides from
 * it, the projection stores it, time travel answers from it and verification compares the read model with it.
 *
 * <p>{@code revision} is the sequence number of the model's last event; {@code versions} are ordered from the
 * highest version down by SemVer precedence. Instants are kept to the millisecond, as the event store keeps them,
 * so that a state folded from events just applied equals one folded from the same events read back.
 *
 * <p>{@code defaultVersion} is the version an assignment that names none resolves to (null while the model has
 * none): the first version added, then whichever an admin promotes. {@code aliases} are the other named pointers
 * an admin moves. Both may point at a disabled version; validation then fails closed rather than fall back.
 */
public record ModelState(ModelId modelId, String name, String description, List<String> supportedTasks,
                         Map<String, String> tags, boolean enabled, boolean retired, String statusReason,
                         long revision, Instant createdAt, Instant updatedAt, Map<VersionNumber, VersionState> versions,
                         VersionNumber defaultVersion, Map<String, VersionNumber> aliases) {

    /** The alias every model has: the default version, by name. */
    public static final String DEFAULT_ALIAS = "default";
    /** Where a version is asked for, this prefix names an alias instead: {@code @canary}, {@code @default}. */
    public static final String ALIAS_PREFIX = "@";

    private static final Comparator<VersionNumber> HIGHEST_FIRST = Collections.reverseOrder();
    private static final Class<?> KEPT = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    public ModelState {
        supportedTasks = List.copyOf(supportedTasks);
        tags = kept(tags, null);
        versions = kept(versions, HIGHEST_FIRST);
        aliases = kept(aliases, null);
    }

    /**
     * The map, sorted and unmodifiable. Most events change none of a state's maps, and copying them (comparing
     * versions as it goes) was half of folding an enable or a disable: a map this record made already is
     * shared by the next state. It is known by its class (an unmodifiable sorted view) and its order, so an
     * unmodifiable sorted view of a map someone still changes would be shared too: no code makes one.
     */
    private static <K, V> Map<K, V> kept(Map<K, V> map, Comparator<? super K> order) {
        if (map.getClass() == KEPT && ((SortedMap<K, V>) map).comparator() == order) {
            return map;
        }
        TreeMap<K, V> sorted = new TreeMap<>(order);
        sorted.putAll(map);
        return Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * The state after {@code event}, the model's event number {@code revision}, which happened at {@code at}.
     * {@code current} is null before the model's first event.
     */
    public static ModelState evolve(ModelState current, ModelEvent event, long revision, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        if (event instanceof ModelRegistered registered) {
            if (current != null) {
                throw new IllegalStateException(registered.modelId() + " is registered already");
            }
            return new ModelState(registered.modelId(), registered.name(), description(registered.description()),
                    registered.supportedTasks(), registered.tags(), false, false, null, revision, when, when,
                    Map.of(), null, Map.of());
        }
        if (current == null) {
            throw new IllegalStateException(event.modelId() + " has an event before its registration");
        }
        return current.after(event, revision, when);
    }

    /** "No description": an empty description, in a registration or as the change that clears it. */
    public static String description(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private ModelState after(ModelEvent event, long revision, Instant at) {
        if (event instanceof ModelMetadataUpdated updated) {
            return new ModelState(modelId, Objects.requireNonNullElse(updated.name(), name),
                    updated.description() == null ? description : description(updated.description()),
                    Objects.requireNonNullElse(updated.supportedTasks(), supportedTasks),
                    Objects.requireNonNullElse(updated.tags(), tags), enabled, retired, statusReason, revision,
                    createdAt, at, versions, defaultVersion, aliases);
        }
        if (event instanceof ModelVersionAdded added) {
            TreeMap<VersionNumber, VersionState> more = new TreeMap<>(versions);
            more.put(added.version(), new VersionState(added.version(), VersionContent.of(added), true, null, at, at));
            VersionNumber newDefault = added.implicitDefault() ? highestEnabled(more)
                    : Objects.requireNonNullElse(defaultVersion, added.version());
            return withVersions(more, newDefault, aliases, revision, at);
        }
        if (event instanceof ModelEnabled) {
            return withStatus(true, false, null, revision, at);
        }
        if (event instanceof ModelDisabled disabled) {
            return withStatus(false, false, disabled.reason(), revision, at);
        }
        if (event instanceof ModelRetired retiredEvent) {
            return withStatus(false, true, retiredEvent.reason(), revision, at);
        }
        if (event instanceof ModelVersionEnabled versionEnabled) {
            return withVersionStatus(versionEnabled.version(), true, null, versionEnabled.implicitDefault(),
                    revision, at);
        }
        if (event instanceof ModelVersionDisabled versionDisabled) {
            return withVersionStatus(versionDisabled.version(), false, versionDisabled.reason(),
                    versionDisabled.implicitDefault(), revision, at);
        }
        if (event instanceof DefaultVersionChanged changed) {
            requireVersion(changed.version());
            return withVersions(versions, changed.version(), aliases, revision, at);
        }
        if (event instanceof AliasMoved moved) {
            requireVersion(moved.version());
            TreeMap<String, VersionNumber> moreAliases = new TreeMap<>(aliases);
            moreAliases.put(moved.alias(), moved.version());
            return withVersions(versions, defaultVersion, moreAliases, revision, at);
        }
        if (event instanceof AliasRemoved removed) {
            TreeMap<String, VersionNumber> fewerAliases = new TreeMap<>(aliases);
            fewerAliases.remove(removed.alias());
            return withVersions(versions, defaultVersion, fewerAliases, revision, at);
        }
        throw new IllegalArgumentException("No rule folds " + event.getClass().getSimpleName());
    }

    /**
     * This state with what its versions declare left out (their numbers, status and times stay): everything a
     * list filters and orders on, in a small part of the memory. No event's rule reads a declaration, so folding
     * on from it gives the same state, less the declarations.
     */
    public ModelState withoutDeclarations() {
        Map<VersionNumber, VersionState> bare = new TreeMap<>();
        versions.forEach((number, version) -> bare.put(number, version.withContent(VersionContent.NONE)));
        return new ModelState(modelId, name, description, supportedTasks, tags, enabled, retired, statusReason,
                revision, createdAt, updatedAt, bare, defaultVersion, aliases);
    }

    /** The version an alias points at, enabled or not; {@value #DEFAULT_ALIAS} is the default version. */
    public Optional<VersionNumber> alias(String alias) {
        return Optional.ofNullable(DEFAULT_ALIAS.equals(alias) ? defaultVersion : aliases.get(alias));
    }

    public Optional<VersionState> version(VersionNumber version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** The implicit rule that events written before explicit defaults follow: see {@link VersionNumber#preferred}. */
    private static VersionNumber highestEnabled(Map<VersionNumber, VersionState> versions) {
        return VersionNumber.preferred(versions.values().stream().filter(VersionState::enabled)
                .map(VersionState::version).toList()).orElse(null);
    }

    private ModelState withStatus(boolean enabled, boolean retired, String reason, long revision, Instant at) {
        return new ModelState(modelId, name, description, supportedTasks, tags, enabled, retired, reason, revision,
                createdAt, at, versions, defaultVersion, aliases);
    }

    private ModelState withVersionStatus(VersionNumber number, boolean enabled, String reason,
                                         boolean implicitDefault, long revision, Instant at) {
        requireVersion(number);
        TreeMap<VersionNumber, VersionState> changed = new TreeMap<>(versions);
        changed.put(number, versions.get(number).withStatus(enabled, reason, at));
        return withVersions(changed, implicitDefault ? highestEnabled(changed) : defaultVersion, aliases, revision,
                at);
    }

    private void requireVersion(VersionNumber number) {
        if (!versions.containsKey(number)) {
            throw new IllegalStateException(modelId + " has no version " + number);
        }
    }

    private ModelState withVersions(Map<VersionNumber, VersionState> changed, VersionNumber newDefault,
                                    Map<String, VersionNumber> newAliases, long revision, Instant at) {
        return new ModelState(modelId, name, description, supportedTasks, tags, enabled, retired, statusReason,
                revision, createdAt, at, changed, newDefault, newAliases);
    }
}
