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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
 *
 * <p>A request folds only the models its answer shows, from their own streams, each from its nearest snapshot
 * ({@link ModelSnapshots}): one model, the assignments' models, or a list page's models, found in the list's order
 * through the index of registrations. Only a list
 * that filters on what a model was then (enabled, task, text, tags) needs every model's state to know which
 * match and how many: it starts from the nearest checkpoint ({@link Checkpoints}).
 */
@Component
class TimeTravel implements PastModels {

    private final EventLog log;
    private final Checkpoints checkpoints;
    private final ModelSnapshots snapshots;
    private final TransactionTemplate snapshot;
    private final DistributionSummary eventsRead;

    TimeTravel(EventLog log, Checkpoints checkpoints, ModelSnapshots snapshots, PlatformTransactionManager transactions,
               MeterRegistry meters) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.snapshots = snapshots;
        // A list reads several statements, which must see one state of the log.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.eventsRead = DistributionSummary.builder("registry.time.travel.events.read")
                .description("Events read from the log to answer one as_of request").baseUnit("events")
                .register(meters);
    }

    /** One model's past: its nearest snapshot and its own events after it, read through the index of its stream. */
    @Override
    public Optional<ModelView> model(ModelId modelId, AsOf asOf) {
        return Optional.ofNullable(counted(snapshots.fold(asOf, List.of(modelId.value())))
                .view(modelId.value()));
    }

    @Override
    public ModelPage list(ModelFilter filter, AsOf asOf, String cursor, int limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return snapshot.execute(status -> filter.onlyRetirement() ? fromStreams(filter, asOf, after, limit)
                : fromCheckpoint(filter, asOf, after, limit));
    }

    /**
     * Without a filter on what models were then, a page is the registrations in the list's order, each folded
     * from its own stream, less those retired by then; the total is the registrations less the retirements.
     * Retirement is final, so both counts are of events, through their indexes.
     */
    private ModelPage fromStreams(ModelFilter filter, AsOf asOf, PageCursor after, int limit) {
        List<ModelView> page = new ArrayList<>();
        int read = 0;
        PageCursor from = after;
        while (page.size() <= limit) {
            List<String> ids = log.registered(asOf, from, limit + 1);
            RegistryFold fold = snapshots.fold(asOf, ids);
            read += fold.folded();
            for (String id : ids) {
                ModelView model = fold.view(id);
                from = new PageCursor(model.createdAt(), model.modelId());
                if (filter.matches(model) && page.size() <= limit) {
                    page.add(model.withoutVersions());
                }
            }
            if (ids.size() <= limit) {
                break;
            }
        }
        eventsRead.record(read);
        long[] registeredAndRetired = log.registeredAndRetired(asOf);
        return page(page, registeredAndRetired[0] - (filter.includeRetired() ? 0 : registeredAndRetired[1]), limit);
    }

    /**
     * Filtered on what models were then: every model's state without its versions' declarations, from the nearest
     * checkpoint and the events after, picks the page; the page's models are then folded whole from their own
     * streams, as a list shows each with its default version's config_schema.
     */
    private ModelPage fromCheckpoint(ModelFilter filter, AsOf asOf, PageCursor after, int limit) {
        RegistryFold fold = checkpoints.at(asOf);
        List<ModelView> matches = new ArrayList<>();
        for (String id : fold.modelIds()) {
            ModelView model = fold.view(id);
            if (filter.matches(model)) {
                matches.add(model);
            }
        }
        Comparator<ModelView> newestFirst = Comparator.comparing(ModelView::createdAt)
                .thenComparing(ModelView::modelId).reversed();
        matches.sort(newestFirst);
        List<String> ids = matches.stream()
                .filter(m -> after == null || after.precedes(m))
                .limit(limit + 1L)
                .map(ModelView::modelId)
                .toList();
        RegistryFold whole = snapshots.fold(asOf, ids);
        eventsRead.record(fold.folded() + whole.folded());
        return page(ids.stream().map(id -> whole.view(id).withoutVersions()).toList(), matches.size(), limit);
    }

    /** Up to {@code limit} models of {@code models} (which holds one more when a next page follows). */
    private static ModelPage page(List<ModelView> models, long total, int limit) {
        List<ModelView> page = models;
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ModelView last = page.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.modelId()).encode();
        }
        return new ModelPage(List.copyOf(page), total, next);
    }

    @Override
    public Map<String, ValidationTarget> targets(Collection<String> modelIds, AsOf asOf) {
        RegistryFold fold = counted(snapshots.fold(asOf, modelIds));
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
