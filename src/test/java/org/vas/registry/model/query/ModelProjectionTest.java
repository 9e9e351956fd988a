package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
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
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * The projection's handlers, fed events directly, against the real read model tables. These events are not in
 * the log, so the application this test used is closed after it rather than
 * confuse verification in the classes that would share it.
 */
@RegistryTest
@DirtiesContext
class ModelProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

    @Autowired
    ModelProjection projection;
    @Autowired
    ModelReads queries;
    @Autowired
    ReadModelProgress progress;
    @Autowired
    ModelRows rows;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ObjectMapper json;

    private final AtomicLong positions = new AtomicLong(1_000_000);

    @Test
    void registrationCreatesADisabledModelStampedWithTheEventsTime() {
        ModelId id = ModelId.of(Api.uniqueId("proj"));

        inTransaction(() -> apply(new ModelRegistered(id, "Name", "", List.of("a", "b"),
                Map.of("k", "v")), 0, T0));


        ModelView model = queries.find(id).orElseThrow();
        assertThat(model.enabled()).isFalse();
        assertThat(model.description()).isNull();
        assertThat(model.supportedTasks()).containsExactly("a", "b");
        assertThat(model.tags()).containsEntry("k", "v");
        assertThat(model.createdAt()).isEqualTo(T0);
        assertThat(model.revision()).isZero();
    }

    @Test
    void everyEventTypeMovesTheModelAndItsRevision() throws Exception {
        ModelId id = ModelId.of(Api.uniqueId("proj"));
        VersionNumber v1 = VersionNumber.of("1.0.0");
        VersionNumber v2 = VersionNumber.of("2.0.0");
        inTransaction(() -> {
            apply(new ModelRegistered(id, "Name", "d", List.of(), Map.of()), 0, T0);
            apply(new ModelMetadataUpdated(id, "Renamed", null, List.of("t"), null), 1, T0.plusSeconds(1));
            apply(new ModelVersionAdded(id, v1, json.readTree("{\"b\": 1, \"a\": 2}"),
                    new Performance(5, 15, 100), null, null, null, null, null, false), 2, T0.plusSeconds(2));
            apply(new ModelVersionAdded(id, v2, null, null, null, null, null, null, null, false), 3,
                    T0.plusSeconds(3));
            apply(new ModelEnabled(id), 4, T0.plusSeconds(4));
            apply(new ModelVersionDisabled(id, v2, "regression", false), 5, T0.plusSeconds(5));
        });

        ModelView model = queries.find(id).orElseThrow();
        assertThat(model.name()).isEqualTo("Renamed");
        assertThat(model.description()).isEqualTo("d");
        assertThat(model.supportedTasks()).containsExactly("t");
        assertThat(model.enabled()).isTrue();
        assertThat(model.defaultVersion()).isEqualTo("1.0.0");
        assertThat(model.configSchema().toString()).isEqualTo("{\"b\":1,\"a\":2}");
        assertThat(model.revision()).isEqualTo(5);
        assertThat(model.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(queries.version(id, v2).orElseThrow().statusReason()).isEqualTo("regression");

        inTransaction(() -> {
            apply(new ModelVersionEnabled(id, v2, false), 6, T0.plusSeconds(6));
            apply(new DefaultVersionChanged(id, v2, v1, "rollout"), 7, T0.plusSeconds(7));
            apply(new AliasMoved(id, "canary", v1, null, "compare"), 8, T0.plusSeconds(8));
            apply(new AliasMoved(id, "stable", v1, null, "pin"), 9, T0.plusSeconds(9));
            apply(new AliasRemoved(id, "stable", v1, "unpin"), 10, T0.plusSeconds(10));
            apply(new ModelDisabled(id, "maintenance"), 11, T0.plusSeconds(11));
            apply(new ModelRetired(id, "superseded"), 12, T0.plusSeconds(12));
        });
        ModelView retired = queries.find(id).orElseThrow();
        assertThat(retired.defaultVersion()).isEqualTo("2.0.0");
        assertThat(rows.load(id).orElseThrow().state().aliases()).containsExactly(Map.entry("canary", v1));
        assertThat(retired.status()).isEqualTo("retired");
        assertThat(retired.statusReason()).isEqualTo("superseded");
    }

    @Test
    void replayingEventsAlreadyAppliedChangesNothing() {
        ModelId id = ModelId.of(Api.uniqueId("replay"));
        VersionNumber v1 = VersionNumber.of("1.0.0");
        ThrowingRunnable history = () -> {
            apply(new ModelRegistered(id, "Name", null, List.of(), Map.of()), 0, T0);
            apply(new ModelVersionAdded(id, v1, null, null, null, null, null, null, null, false), 1,
                    T0.plusSeconds(1));
            apply(new ModelEnabled(id), 2, T0.plusSeconds(2));
            apply(new ModelDisabled(id, "stop"), 3, T0.plusSeconds(3));
        };
        inTransaction(history);
        ModelView once = queries.find(id).orElseThrow();

        inTransaction(history);

        assertThat(queries.find(id).orElseThrow()).isEqualTo(once);
        assertThat(queries.versions(id)).hasSize(1);
    }

    @Test
    void everyProjectedEventMovesTheReadModelVersion() {
        long before = progress.stateVersion();
        ModelId id = ModelId.of(Api.uniqueId("version"));

        inTransaction(() -> apply(new ModelRegistered(id, "Name", null, List.of(), Map.of()), 0, T0));

        assertThat(progress.stateVersion()).isGreaterThan(before);
    }

    /** Hands the projection an event as the log delivers it: with its revision, time and a log position. */
    private void apply(ModelEvent event, long revision, Instant at) throws Exception {
        GenericDomainEventMessage<ModelEvent> message = new GenericDomainEventMessage<>("ModelAggregate",
                event.modelId().value(), revision, event, Map.of(), UUID.randomUUID().toString(), at);
        new AnnotationEventHandlerAdapter(projection).handle(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(positions.incrementAndGet()), message));
    }

    private void inTransaction(ThrowingRunnable work) {
        transaction.executeWithoutResult(status -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
