package org.vas.registry.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.ModelRows;
import org.vas.registry.model.query.ReadModelProgress;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.VersionView;
import org.vas.registry.model.state.PositionedModel;

/**
 * Folds the log and compares the result, field by field, with what the projection stored,
 * {@value EventLog#MODELS_AT_A_TIME} models at a time ({@link EventLog#foldModels}), so that it needs no more memory
 * for 10,000 models than for 10. The read model and the position it reflects are read in one snapshot, so a concurrent
 * command cannot show up as a false difference; the events up to that position are the same in any later snapshot,
 * as appends are serialized.
 *
 * <p>Time travel answers from {@link ModelSnapshots} too: each model that has snapshots is folded again from its
 * own stream, one model at a time, and each snapshot compared with the state at its revision. A difference there is
 * reported on a field named after the snapshot ({@code snapshot 31: enabled}); deleting the snapshots repairs it.
 */
@Component
public class ReadModelVerifier {

    /** One field where the read model disagrees with the log. */
    public record Difference(String modelId, @Schema(nullable = true) String version, String field,
                             @Schema(nullable = true, description = "Any JSON value") Object expected,
                             @Schema(nullable = true, description = "Any JSON value") Object actual) {
    }

    public record Report(boolean consistent, int checked, long position, List<Difference> differences) {
    }

    private final EventLog log;
    private final ReadModelProgress progress;
    private final ModelRows rows;
    private final ModelSnapshots snapshots;

    ReadModelVerifier(EventLog log, ReadModelProgress progress, ModelRows rows, ModelSnapshots snapshots) {
        this.log = log;
        this.progress = progress;
        this.rows = rows;
        this.snapshots = snapshots;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report verify() {
        long position = progress.position();
        List<Difference> differences = new ArrayList<>();
        Set<String> folded = new HashSet<>();
        log.foldModels(position, Function.identity(), fold -> {
            folded.addAll(fold.modelIds());
            compare(fold, fold.modelIds(), rows.loadAll(fold.modelIds()), differences);
            for (String id : snapshots.kept(fold.modelIds(), position)) {
                compareSnapshots(id, position, differences);
            }
        });
        // Models the read model has and the log never registered.
        Set<String> unknown = new TreeSet<>(rows.modelIds());
        unknown.removeAll(folded);
        compare(RegistryFold.withoutDeclarations(), unknown, rows.loadAll(unknown), differences);
        differences.sort(Comparator.comparing(Difference::modelId));
        return new Report(differences.isEmpty(), folded.size() + unknown.size(), position, differences);
    }

    private void compareSnapshots(String modelId, long position, List<Difference> differences) {
        Map<Long, ModelSnapshots.Snapshot> kept = snapshots.of(modelId, position);
        RegistryFold fold = new RegistryFold();
        Instant latest = Instant.MIN;
        for (LoggedEvent event : log.upTo(new AsOf(null, position), List.of(modelId))) {
            fold.apply(event);
            latest = latest.isAfter(event.occurredAt()) ? latest : event.occurredAt();
            ModelSnapshots.Snapshot snapshot = kept.get(event.revision());
            if (snapshot == null) {
                continue;
            }
            String prefix = "snapshot " + event.revision() + ": ";
            List<Difference> found = new ArrayList<>();
            compare(fold, List.of(modelId), Map.of(modelId, snapshot.model()), found);
            found.forEach(d -> differences.add(new Difference(d.modelId(), d.version(), prefix + d.field(),
                    d.expected(), d.actual())));
            // Kept to the microsecond, as PostgreSQL keeps times.
            if (Duration.between(latest, snapshot.latestOccurredAt()).abs().toNanos() >= 1_000) {
                differences.add(new Difference(modelId, null, prefix + "latest_occurred_at", latest.toString(),
                        snapshot.latestOccurredAt().toString()));
            }
        }
    }

    private static void compare(RegistryFold fold, Collection<String> ids, Map<String, PositionedModel> stored,
                                List<Difference> differences) {
        for (String id : new TreeSet<>(ids)) {
            PositionedModel actualModel = stored.get(id);
            compare(id, null, fold.view(id), actualModel == null ? null : ModelView.of(actualModel), differences);
            List<VersionView> expected = fold.versions(id);
            List<VersionView> actual = actualModel == null ? List.of() : actualModel.state().versions().values()
                    .stream().map(v -> VersionView.of(actualModel.state().modelId(), v)).toList();
            TreeSet<String> versions = new TreeSet<>();
            expected.forEach(v -> versions.add(v.version()));
            actual.forEach(v -> versions.add(v.version()));
            for (String version : versions) {
                compare(id, version, find(expected, version), find(actual, version), differences);
            }
        }
    }

    private static VersionView find(List<VersionView> versions, String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst().orElse(null);
    }

    private static void compare(String modelId, String version, Record expected, Record actual,
                                List<Difference> differences) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add(new Difference(modelId, version, "exists", expected != null, actual != null));
            }
            return;
        }
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            Object want = value(component, expected);
            Object got = value(component, actual);
            if (!Objects.equals(want, got)) {
                differences.add(new Difference(modelId, version, component.getName(), want, got));
            }
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
