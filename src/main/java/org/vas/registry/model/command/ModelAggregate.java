package org.vas.registry.model.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.vas.registry.model.ModelId;
import org.vas.registry.model.ModelRetiredException;
import org.vas.registry.model.Performance;
import org.vas.registry.model.RevisionMismatchException;
import org.vas.registry.model.VersionConflictException;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.model.VersionNumber;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * One registered model, rebuilt from its events. Command handlers validate and decide; event-sourcing handlers
 * only assign state. A command that would change nothing is a success that records no event.
 */
@Aggregate(snapshotTriggerDefinition = "modelSnapshotTrigger")
class ModelAggregate {

    @AggregateIdentifier
    private ModelId modelId;
    private long revision;
    private String name;
    private String description;
    private List<String> supportedTasks;
    private Map<String, String> tags;
    private boolean enabled;
    private boolean retired;
    private final Map<VersionNumber, Version> versions = new HashMap<>();

    /** The declared content of a version and whether it may be used. */
    private record Version(Content content, boolean enabled) {
    }

    /**
     * What makes two declarations of the same version the same. A document read back from the log may be a JSON
     * null node where the command had no document at all; both mean "not declared".
     */
    private record Content(JsonNode configSchema, Performance performance, JsonNode input, JsonNode output,
                           JsonNode hardware, JsonNode limits, JsonNode capabilities) {

        Content {
            configSchema = declared(configSchema);
            input = declared(input);
            output = declared(output);
            hardware = declared(hardware);
            limits = declared(limits);
            capabilities = declared(capabilities);
        }

        private static JsonNode declared(JsonNode document) {
            return document == null || document.isNull() ? null : document;
        }
    }

    protected ModelAggregate() {
        // For Axon, which rebuilds the aggregate from its events.
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
        String newName = changed(command.name(), name);
        String newDescription = changed(command.description(), Objects.requireNonNullElse(description, ""));
        List<String> newTasks = changed(command.supportedTasks(), supportedTasks);
        Map<String, String> newTags = command.tagChanges() == null ? null
                : changed(merge(command.replaceTags() ? Map.of() : tags, command.tagChanges()), tags);
        if (newName == null && newDescription == null && newTasks == null && newTags == null) {
            return;
        }
        apply(new ModelMetadataUpdated(modelId, newName, newDescription, newTasks, newTags));
    }

    /** Answers whether the version was added, so that the API can tell a creation from a repeat. */
    @CommandHandler
    boolean handle(AddModelVersion command, ConfigSchemaCompiler schemas) {
        requireAccepting(command);
        Content content = new Content(command.configSchema(), command.performance(), command.input(),
                command.output(), command.hardware(), command.limits(), command.capabilities());
        Version existing = versions.get(command.version());
        if (existing != null) {
            if (existing.content().equals(content)) {
                return false;
            }
            throw new VersionConflictException(modelId, command.version());
        }
        if (command.configSchema() != null) {
            schemas.check(command.configSchema());
        }
        apply(new ModelVersionAdded(modelId, command.version(), command.configSchema(), command.performance(),
                command.input(), command.output(), command.hardware(), command.limits(), command.capabilities()));
        return true;
    }

    @CommandHandler
    void handle(EnableModel command) {
        requireAccepting(command);
        if (!enabled) {
            apply(new ModelEnabled(modelId));
        }
    }

    @CommandHandler
    void handle(DisableModel command) {
        requireAccepting(command);
        if (enabled) {
            apply(new ModelDisabled(modelId, command.reason()));
        }
    }

    @CommandHandler
    void handle(EnableVersion command) {
        requireAccepting(command);
        if (!version(command.version()).enabled()) {
            apply(new ModelVersionEnabled(modelId, command.version()));
        }
    }

    @CommandHandler
    void handle(DisableVersion command) {
        requireAccepting(command);
        if (version(command.version()).enabled()) {
            apply(new ModelVersionDisabled(modelId, command.version(), command.reason()));
        }
    }

    @CommandHandler
    void handle(RetireModel command) {
        requireAccepting(command);
        apply(new ModelRetired(modelId, command.reason()));
    }

    @EventSourcingHandler
    void on(ModelRegistered event, @SequenceNumber long sequence) {
        modelId = event.modelId();
        name = event.name();
        description = event.description();
        supportedTasks = event.supportedTasks();
        tags = event.tags();
        enabled = false;
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelMetadataUpdated event, @SequenceNumber long sequence) {
        name = Objects.requireNonNullElse(event.name(), name);
        description = Objects.requireNonNullElse(event.description(), description);
        supportedTasks = Objects.requireNonNullElse(event.supportedTasks(), supportedTasks);
        tags = Objects.requireNonNullElse(event.tags(), tags);
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelVersionAdded event, @SequenceNumber long sequence) {
        versions.put(event.version(), new Version(new Content(event.configSchema(), event.performance(),
                event.input(), event.output(), event.hardware(), event.limits(), event.capabilities()), true));
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelEnabled event, @SequenceNumber long sequence) {
        enabled = true;
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelDisabled event, @SequenceNumber long sequence) {
        enabled = false;
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelVersionEnabled event, @SequenceNumber long sequence) {
        versions.computeIfPresent(event.version(), (v, version) -> new Version(version.content(), true));
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelVersionDisabled event, @SequenceNumber long sequence) {
        versions.computeIfPresent(event.version(), (v, version) -> new Version(version.content(), false));
        revision = sequence;
    }

    @EventSourcingHandler
    void on(ModelRetired event, @SequenceNumber long sequence) {
        retired = true;
        enabled = false;
        revision = sequence;
    }

    private void requireAccepting(ModelCommand command) {
        if (retired) {
            throw new ModelRetiredException(modelId);
        }
        Long expected = command.expectedRevision();
        if (expected != null && expected != revision) {
            throw new RevisionMismatchException(modelId, expected, revision);
        }
    }

    private Version version(VersionNumber number) {
        Version version = versions.get(number);
        if (version == null) {
            throw new VersionNotFoundException(modelId, number);
        }
        return version;
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
