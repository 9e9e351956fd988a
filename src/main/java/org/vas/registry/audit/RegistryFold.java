package org.vas.registry.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.ValidationTarget;
import org.vas.registry.model.query.VersionView;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;

/**
 * The registry's state folded in memory from the log with {@link ModelState#evolve}, the fold the aggregate and
 * the projection use: time travel answers from it, a rebuild stores it, and verification compares the read model
 * with it.
 */
final class RegistryFold {

    private final Map<String, PositionedModel> models = new LinkedHashMap<>();
    /** Whether each state keeps only what a list filters on ({@link ModelState#withoutDeclarations}). */
    private final boolean withoutDeclarations;
    private int folded;

    private RegistryFold(boolean withoutDeclarations) {
        this.withoutDeclarations = withoutDeclarations;
    }

    RegistryFold() {
        this(false);
    }

    static RegistryFold of(List<LoggedEvent> events) {
        RegistryFold fold = new RegistryFold();
        events.forEach(fold::apply);
        return fold;
    }

    /** A fold that starts from these models' states, as their snapshots stored them. */
    static RegistryFold from(Collection<PositionedModel> models) {
        return new RegistryFold().startingFrom(models);
    }

    /**
     * A fold of every model that keeps its versions' numbers and status but not what they declare: the whole
     * registry at a small part of the memory (a model with two versions of the platform's geo-fencing contract
     * is about 56 KB with its declarations as trees).
     */
    static RegistryFold withoutDeclarations() {
        return new RegistryFold(true);
    }

    /** A fold without declarations that starts from these models' states, as a checkpoint stored them. */
    static RegistryFold withoutDeclarations(Collection<PositionedModel> models) {
        return withoutDeclarations().startingFrom(models);
    }

    private RegistryFold startingFrom(Collection<PositionedModel> states) {
        states.forEach(model -> models.put(model.state().modelId().value(), model));
        return this;
    }

    /** A fold to go on with, leaving this one (which a cache may share) as it is. */
    RegistryFold copy() {
        RegistryFold copy = new RegistryFold(withoutDeclarations);
        copy.models.putAll(models);
        return copy;
    }

    /** Folds a model event in; the log's other events (about API keys) have no place in the registry's state. */
    void apply(LoggedEvent logged) {
        folded++;
        if (logged.event() instanceof ModelEvent event) {
            PositionedModel current = models.get(logged.modelId());
            ModelState state = ModelState.evolve(current == null ? null : current.state(), event, logged.revision(),
                    logged.occurredAt());
            if (withoutDeclarations) {
                state = state.withoutDeclarations();
            }
            models.put(logged.modelId(), new PositionedModel(state, logged.position()));
        }
    }

    /** How many events of the log this fold has read, apart from those in the states it started from. */
    int folded() {
        return folded;
    }

    int size() {
        return models.size();
    }

    List<String> modelIds() {
        return List.copyOf(models.keySet());
    }

    Collection<PositionedModel> models() {
        return models.values();
    }

    PositionedModel model(String modelId) {
        return models.get(modelId);
    }

    ModelView view(String modelId) {
        PositionedModel model = models.get(modelId);
        return model == null ? null : ModelView.of(model);
    }

    List<VersionView> versions(String modelId) {
        PositionedModel model = models.get(modelId);
        return model == null ? List.of() : model.state().versions().values().stream()
                .map(v -> VersionView.of(ModelId.of(modelId), v)).toList();
    }

    ValidationTarget target(String modelId) {
        PositionedModel model = models.get(modelId);
        return model == null ? null : ValidationTarget.of(model.state());
    }
}
