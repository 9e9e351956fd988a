package org.vas.registry.model.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.VersionNotFoundException;
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
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.VersionContent;
import org.vas.registry.model.state.VersionState;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * One registered model. Command handlers validate and decide from its {@link ModelState}; the one event-sourcing
 * handler folds each event into that state with {@link ModelState#evolve}. A command that would change nothing is
 * a success that records no event.
 */
@Aggregate(repository = ModelRepository.NAME)
@Revision("3")
class ModelAggregate {

    @AggregateIdentifier
    private ModelId modelId;
    private ModelState state;

    protected ModelAggregate() {
        // For Axon, which rebuilds the aggregate from its events.
    }

    /** The model in a state it has reached, as {@link ModelRepository} loads it. */
    ModelAggregate(ModelState state) {
        this.state = state;
        this.modelId = state.modelId();
    }

    /** A taken id fails when the first event of a second stream is appended: the event store's key decides. */
    @CommandHandler
    ModelAggregate(RegisterModel command) {
        apply(new ModelRegistered(command.modelId(), command.name(), command.description(),
                command.supportedTasks(), command.tags()));
    }

    @CommandHandler
    void handle(UpdateModelMetadata command) {
        requireAccepting(command);
        String newName = changed(command.name(), state.name());
        String newDescription = changed(command.description(), Objects.requireNonNullElse(state.description(), ""));
        List<String> newTasks = changed(command.supportedTasks(), state.supportedTasks());
        Map<String, String> newTags = command.tagChanges() == null ? null
                : changed(merge(command.replaceTags() ? Map.of() : state.tags(), command.tagChanges()), state.tags());
        if (newName == null && newDescription == null && newTasks == null && newTags == null) {
            return;
        }
        apply(new ModelMetadataUpdated(modelId, newName, newDescription, newTasks, newTags));
    }

    /** Answers whether the version was added, so that the API can tell a creation from a repeat. */
    @CommandHandler
    boolean handle(AddModelVersion command, ConfigSchemaCompiler schemas) {
        requireAccepting(command);
        VersionContent content = command.content();
        Optional<VersionState> existing = state.version(command.version());
        if (existing.isPresent()) {
            if (existing.get().content().equals(content)) {
                return false;
            }
            throw new VersionConflictException(modelId, command.version());
        }
        if (content.configSchema() != null) {
            schemas.check(content.configSchema());
        }
        apply(new ModelVersionAdded(modelId, command.version(), content.configSchema(), content.performance(),
                content.input(), content.output(), content.hardware(), content.limits(), content.capabilities(),
                false));
        return true;
    }

    @CommandHandler
    void handle(EnableModel command) {
        requireAccepting(command);
        if (!state.enabled()) {
            apply(new ModelEnabled(modelId));
        }
    }

    @CommandHandler
    void handle(DisableModel command) {
        requireAccepting(command);
        if (state.enabled()) {
            apply(new ModelDisabled(modelId, command.reason()));
        }
    }

    @CommandHandler
    void handle(EnableVersion command) {
        requireAccepting(command);
        if (!version(command.version()).enabled()) {
            apply(new ModelVersionEnabled(modelId, command.version(), false));
        }
    }

    /** Disabling the default (or an alias's target) is allowed: assignments resolved through it fail closed. */
    @CommandHandler
    void handle(DisableVersion command) {
        requireAccepting(command);
        if (version(command.version()).enabled()) {
            apply(new ModelVersionDisabled(modelId, command.version(), command.reason(), false));
        }
    }

    @CommandHandler
    void handle(PromoteVersion command) {
        requireAccepting(command);
        requireEnabled(command.version());
        if (!command.version().equals(state.defaultVersion())) {
            apply(new DefaultVersionChanged(modelId, command.version(), state.defaultVersion(), command.reason()));
        }
    }

    @CommandHandler
    void handle(MoveAlias command) {
        requireAccepting(command);
        requireEnabled(command.version());
        VersionNumber previous = state.aliases().get(command.alias());
        if (!command.version().equals(previous)) {
            apply(new AliasMoved(modelId, command.alias(), command.version(), previous, command.reason()));
        }
    }

    @CommandHandler
    void handle(RemoveAlias command) {
        requireAccepting(command);
        VersionNumber previous = state.aliases().get(command.alias());
        if (previous != null) {
            apply(new AliasRemoved(modelId, command.alias(), previous, command.reason()));
        }
    }

    @CommandHandler
    void handle(RetireModel command) {
        requireAccepting(command);
        apply(new ModelRetired(modelId, command.reason()));
    }

    @EventSourcingHandler
    void on(ModelEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        state = ModelState.evolve(state, event, sequence, at);
        modelId = state.modelId();
    }

    private void requireAccepting(ModelCommand command) {
        if (state.retired()) {
            throw new ModelRetiredException(modelId);
        }
        Long expected = command.expectedRevision();
        if (expected != null && expected != state.revision()) {
            throw new RevisionMismatchException(modelId, expected, state.revision());
        }
    }

    private VersionState version(VersionNumber number) {
        return state.version(number).orElseThrow(() -> new VersionNotFoundException(modelId, number));
    }

    private void requireEnabled(VersionNumber number) {
        if (!version(number).enabled()) {
            throw new VersionDisabledException(modelId, number);
        }
    }

    private static Map<String, String> merge(Map<String, String> current, Map<String, String> changes) {
        TreeMap<String, String> merged = new TreeMap<>(current);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        Fields.checkTagCount(merged.size());
        return merged;
    }

    /** The requested value when it differs from the current one, otherwise null ("no change"). */
    private static <T> T changed(T requested, T current) {
        return requested == null || requested.equals(current) ? null : requested;
    }
}
