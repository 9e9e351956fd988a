package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Two transactions append straight to the event store; the first is held open well past the tracking gap timeout
 * while the second tries to commit. With sequence-ordered JDBC stores the second would commit first with a higher
 * index, and a reader that passed it would skip the first for ever (AxonFramework issue 4829). Here appends are
 * serialized, so index order is commit order and every reader sees both, in order: the feed, a hand-driven
 * tracking reader, and the registry's own tracking processor (audit-activity).
 * <p>
 * The events bypass the projection, so the application this test used is closed after it.
 */
@RegistryTest
@DirtiesContext
class LateCommitTest {

    /** Well past the gap timeout the tests run with (1 s). */
    private static final long HELD_BACK_MILLIS = 2_500;

    @Autowired
    EventStorageEngine storage;
    @Autowired
    EventLog log;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommitHeldBackPastTheGapTimeoutIsSeenByTheFeedAndByTrackingReaders() throws Exception {
        ModelId first = ModelId.of(Api.uniqueId("late-first"));
        ModelId second = ModelId.of(Api.uniqueId("late-second"));
        long start = log.head();
        CountDownLatch firstAppended = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> feedOrder = new CopyOnWriteArrayList<>();
        List<String> trackingOrder = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> feedReader = CompletableFuture.runAsync(() -> followFeed(start, stop, feedOrder));
        CompletableFuture<Void> trackingReader = CompletableFuture.runAsync(
                () -> followWithTrackingTokens(stop, trackingOrder, first, second));
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            storage.appendEvents(registered(first));
            firstAppended.countDown();
            sleep(HELD_BACK_MILLIS);
        }));
        assertThat(firstAppended.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(
                s -> storage.appendEvents(registered(second))));

        slow.get(30, TimeUnit.SECONDS);
        fast.get(30, TimeUnit.SECONDS);
        sleep(500);
        stop.set(true);
        feedReader.get(10, TimeUnit.SECONDS);
        trackingReader.get(10, TimeUnit.SECONDS);

        assertThat(feedOrder).containsExactly(first.value(), second.value());
        assertThat(trackingOrder).containsExactly(first.value(), second.value());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT model_id FROM audit_activity WHERE model_id IN (?, ?) AND event_count = 1", String.class,
                first.value(), second.value())).containsExactlyInAnyOrder(first.value(), second.value()));
    }

    /** A change-feed consumer: polls with the last position it saw, as Ruth AI Core would. */
    private void followFeed(long start, AtomicBoolean stop, List<String> seen) {
        long after = start;
        while (!stop.get()) {
            for (LoggedEvent event : log.after(after, 100, null, null)) {
                seen.add(event.modelId());
                after = event.position();
            }
            sleep(50);
        }
    }

    /** What an Axon tracking processor does: reads on from its last token with the gap-aware JDBC reader. */
    private void followWithTrackingTokens(AtomicBoolean stop, List<String> seen, ModelId... watched) {
        TrackingToken token = storage.createHeadToken();
        List<String> ids = java.util.Arrays.stream(watched).map(ModelId::value).toList();
        while (!stop.get()) {
            List<? extends TrackedEventMessage<?>> batch = storage.readEvents(token, false).toList();
            for (TrackedEventMessage<?> event : batch) {
                token = event.trackingToken();
                String id = ((GenericDomainEventMessage<?>) event).getAggregateIdentifier();
                if (ids.contains(id)) {
                    seen.add(id);
                }
            }
            sleep(50);
        }
    }

    private static GenericDomainEventMessage<ModelRegistered> registered(ModelId id) {
        return new GenericDomainEventMessage<>("ModelAggregate", id.value(), 0,
                new ModelRegistered(id, "Late " + id, null, List.of(), Map.of()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
