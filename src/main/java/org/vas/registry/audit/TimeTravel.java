package org.vas.registry.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    TimeTravel(EventLog log) {
        this.log = log;
    }

    @Override
    public Optional<ModelView> model(ModelId modelId, AsOf asOf) {
        return Optional.ofNullable(RegistryFold.of(log.upTo(asOf, modelId.value())).view(modelId.value()));
    }

    @Override
    public ModelPage list(ModelFilter filter, AsOf asOf, String cursor, int limit) {
        RegistryFold fold = RegistryFold.of(log.upTo(asOf, null));
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        List<ModelView> matches = new ArrayList<>();
        for (String id : fold.modelIds()) {
            ModelView model = fold.view(id);
            if (matches(model, filter)) {
                matches.add(model.withoutVersions());
            }
        }
        Comparator<ModelView> newestFirst = Comparator.comparing(ModelView::createdAt)
                .thenComparing(ModelView::modelId).reversed();
        matches.sort(newestFirst);
        List<ModelView> page = matches.stream()
                .filter(m -> after == null || isAfter(m, after))
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
        RegistryFold fold = RegistryFold.of(log.upTo(asOf, null));
        Map<String, ValidationTarget> targets = new HashMap<>();
        for (String id : modelIds) {
            ValidationTarget target = fold.target(id);
            if (target != null) {
                targets.put(id, target);
            }
        }
        return targets;
    }

    /** Whether a model comes after the cursor in newest-first order, as the SQL keyset compares. */
    private static boolean isAfter(ModelView model, PageCursor cursor) {
        int byTime = model.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || byTime == 0 && model.modelId().compareTo(cursor.modelId()) < 0;
    }

    /** The same filters as the read model's SQL, applied in memory. */
    private static boolean matches(ModelView model, ModelFilter filter) {
        if (!filter.includeRetired() && model.retired()) {
            return false;
        }
        if (filter.enabled() != null && model.enabled() != filter.enabled()) {
            return false;
        }
        if (filter.task() != null && !model.supportedTasks().contains(filter.task())) {
            return false;
        }
        if (filter.text() != null && !contains(model.name(), filter.text())
                && !contains(model.description(), filter.text())) {
            return false;
        }
        for (String tag : filter.tags()) {
            int colon = tag.indexOf(':');
            boolean present = colon < 0 ? model.tags().containsKey(tag)
                    : tag.substring(colon + 1).equals(model.tags().get(tag.substring(0, colon)));
            if (!present) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
