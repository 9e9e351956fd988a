package org.vas.registry.model.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
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
 */
public record ModelState(ModelId modelId, String name, String description, List<String> supportedTasks,
                         Map<String, String> tags, boolean enabled, boolean retired, String statusReason,
                         long revision, Instant createdAt, Instant updatedAt, Map<VersionNumber, VersionState> versions) {

    public ModelState {
        supportedTasks = List.copyOf(supportedTasks);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        TreeMap<VersionNumber, VersionState> highestFirst = new TreeMap<>(Collections.reverseOrder());
        highestFirst.putAll(versions);
        versions = Collections.unmodifiableMap(highestFirst);
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
                    Map.of());
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
                    createdAt, at, versions);
        }
        if (event instanceof ModelVersionAdded added) {
            TreeMap<VersionNumber, VersionState> more = new TreeMap<>(versions);
            more.put(added.version(), new VersionState(added.version(), VersionContent.of(added), true, null, at, at));
            return withVersions(more, revision, at);
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
            return withVersionStatus(versionEnabled.version(), true, null, revision, at);
        }
        if (event instanceof ModelVersionDisabled versionDisabled) {
            return withVersionStatus(versionDisabled.version(), false, versionDisabled.reason(), revision, at);
        }
        throw new IllegalArgumentException("No rule folds " + event.getClass().getSimpleName());
    }

    /** The version an assignment gets when it names none: see {@link VersionNumber#preferred}. */
    public Optional<VersionNumber> defaultVersion() {
        return VersionNumber.preferred(versions.values().stream().filter(VersionState::enabled)
                .map(VersionState::version).toList());
    }

    public Optional<VersionState> version(VersionNumber version) {
        return Optional.ofNullable(versions.get(version));
    }

    private ModelState withStatus(boolean enabled, boolean retired, String reason, long revision, Instant at) {
        return new ModelState(modelId, name, description, supportedTasks, tags, enabled, retired, reason, revision,
                createdAt, at, versions);
    }

    private ModelState withVersionStatus(VersionNumber number, boolean enabled, String reason, long revision,
                                         Instant at) {
        VersionState version = versions.get(number);
        if (version == null) {
            throw new IllegalStateException(modelId + " has no version " + number);
        }
        TreeMap<VersionNumber, VersionState> changed = new TreeMap<>(versions);
        changed.put(number, version.withStatus(enabled, reason, at));
        return withVersions(changed, revision, at);
    }

    private ModelState withVersions(Map<VersionNumber, VersionState> changed, long revision, Instant at) {
        return new ModelState(modelId, name, description, supportedTasks, tags, enabled, retired, statusReason,
                revision, createdAt, at, changed);
    }
}
