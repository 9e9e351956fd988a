package org.vas.registry.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.ModelFilter;
import org.vas.registry.model.query.ModelPage;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.PageCursor;
import org.vas.registry.model.query.PastModels;
import org.vas.registry.model.query.ValidationTarget;

/**
 * The registry as it was: state rebuilt from the log up to an instant or a position, never read from the
 * current read model. Lists and validations answer exactly as discovery and validation would have then.
 */
@Component
@Transactional(readOnly = true)
class TimeTravel implements PastModels {

    private final EventLog log;
    private final Checkpoints checkpoints;
    private final DistributionSummary eventsRead;

    TimeTravel(EventLog log, Checkpoints checkpoints, MeterRegistry meters) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.eventsRead = DistributionSummary.builder("registry.time.travel.events.read")
                .description("Events read from the log to answer one as_of request").baseUnit("events")
                .register(meters);
    }

    /** One model's past: its own events, read through the index of its stream. */
    @Override
    public Optional<ModelView> model(ModelId modelId, AsOf asOf) {
        return Optional.ofNullable(counted(RegistryFold.of(log.upTo(asOf, List.of(modelId.value()))))
                .view(modelId.value()));
    }

    /** The whole registry's past: the nearest checkpoint and the events after it. */
    @Override
    public ModelPage list(ModelFilter filter, AsOf asOf, String cursor, int limit) {
        RegistryFold fold = counted(checkpoints.at(asOf));
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        List<ModelView> matches = new ArrayList<>();
        for (String id : fold.modelIds()) {
            ModelView model = fold.view(id);
            if (filter.matches(model)) {
                matches.add(model.withoutVersions());
            }
        }
        Comparator<ModelView> newestFirst = Comparator.comparing(ModelView::createdAt)
                .thenComparing(ModelView::modelId).reversed();
        matches.sort(newestFirst);
        List<ModelView> page = matches.stream()
                .filter(m -> after == null || after.precedes(m))
                .limit(limit + 1L)
                .toList();
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ModelView last = page.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.modelId()).encode();
        }
        return new ModelPage(List.copyOf(page), matches.size(), next);
    }

    @Override
    public Map<String, ValidationTarget> targets(Collection<String> modelIds, AsOf asOf) {
        RegistryFold fold = counted(RegistryFold.of(log.upTo(asOf, modelIds)));
        Map<String, ValidationTarget> targets = new HashMap<>();
        for (String id : modelIds) {
            ValidationTarget target = fold.target(id);
            if (target != null) {
                targets.put(id, target);
            }
        }
        return targets;
    }

    private RegistryFold counted(RegistryFold fold) {
        eventsRead.record(fold.folded());
        return fold;
    }
}
