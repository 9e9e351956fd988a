package org.vas.registry.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainFoldTest {

    static StoredEvent event(long position, String payload) {
        return new StoredEvent(position, "id-" + position, "model-a", position, "ModelAggregate",
                "2026-11-29T10:00:00Z", "org.vas.registry.model.event.ModelEnabled", null,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Links as the append path writes them. */
    static List<ChainLink> chain(List<StoredEvent> events) {
        List<ChainLink> links = new ArrayList<>();
        byte[] hash = CanonicalEncoding.GENESIS;
        long previous = 0;
        for (StoredEvent event : events) {
            hash = CanonicalEncoding.link(hash, previous, event);
            links.add(new ChainLink(event.position(), previous, hash));
            previous = event.position();
        }
        return links;
    }

    private final List<StoredEvent> events = List.of(event(1, "{\"a\":1}"), event(2, "{\"a\":2}"),
            event(5, "{\"a\":5}"), event(6, "{\"a\":6}"));
    private final List<ChainLink> links = chain(events);

    private static ChainFold.Result fold(ChainFold.Expected expected, Object[]... rows) {
        ChainFold fold = new ChainFold(expected);
        for (Object[] row : rows) {
            fold.accept((StoredEvent) row[0], (ChainLink) row[1]);
        }
        return fold.finish();
    }

    private Object[] row(int i) {
        return new Object[] {events.get(i), links.get(i)};
    }

    @Test
    void anUntouchedLogWithGapsFromRolledBackTransactionsIsIntact() {
        ChainFold.Result result = fold(null, row(0), row(1), row(2), row(3));
        assertThat(result.intact()).isTrue();
        assertThat(result.head()).isEqualTo(6);
        assertThat(result.checked()).isEqualTo(4);
        assertThat(result.headHash()).isEqualTo(ChainFold.hex(links.get(3).hash()));
    }

    @Test
    void anEmptyLogIsIntactAtPositionZero() {
        ChainFold.Result result = fold(null);
        assertThat(result.intact()).isTrue();
        assertThat(result.head()).isZero();
        assertThat(result.headHash()).isEqualTo("0".repeat(64));
    }

    @Test
    void aChangedPayloadBreaksTheChainAtItsPosition() {
        ChainFold.Result result = fold(null, row(0), new Object[] {event(2, "{\"a\":3}"), links.get(1)}, row(2));
        assertThat(result.firstBreak()).isEqualTo(new ChainFold.Break(2, ChainFold.Kind.CHANGED,
                "the stored event is not the one that was chained"));
        assertThat(result.head()).isEqualTo(1);
    }

    @Test
    void aRemovedEventWhoseLinkStayedIsReportedAtItsPosition() {
        ChainFold.Result result = fold(null, row(0), new Object[] {null, links.get(1)}, row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.REMOVED);
        assertThat(result.firstBreak().position()).isEqualTo(2);
    }

    @Test
    void aRemovedEventAndLinkAreReportedAtTheirPositionThroughTheNextLink() {
        ChainFold.Result result = fold(null, row(0), row(2), row(3));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.REMOVED);
        assertThat(result.firstBreak().position()).isEqualTo(2);
    }

    @Test
    void anInsertedEventWithoutALinkIsReportedAtItsPosition() {
        ChainFold.Result result = fold(null, row(0), row(1), new Object[] {event(3, "{}"), null}, row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.INSERTED);
        assertThat(result.firstBreak().position()).isEqualTo(3);
    }

    @Test
    void anInsertedEventWithAForgedLinkIsReportedAtItsPosition() {
        StoredEvent forged = event(3, "{}");
        ChainLink forgedLink = new ChainLink(3, 2, CanonicalEncoding.link(links.get(1).hash(), 2, forged));
        ChainFold.Result result = fold(null, row(0), row(1), new Object[] {forged, forgedLink}, row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.INSERTED);
        assertThat(result.firstBreak().position()).isEqualTo(3);
    }

    @Test
    void aCheckpointThatTheLogPassesThroughIsConfirmed() {
        ChainFold.Result result = fold(new ChainFold.Expected(2, links.get(1).hash()), row(0), row(1), row(2));
        assertThat(result.intact()).isTrue();
        assertThat(result.head()).isEqualTo(5);
    }

    @Test
    void aCheckpointWithAnotherHashIsAMismatchAtItsPosition() {
        ChainFold.Result result = fold(new ChainFold.Expected(2, links.get(0).hash()), row(0), row(1), row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.CHECKPOINT_MISMATCH);
        assertThat(result.firstBreak().position()).isEqualTo(2);
    }

    @Test
    void aLogCutShortBeforeTheCheckpointIsAMismatch() {
        ChainFold.Result result = fold(new ChainFold.Expected(6, links.get(3).hash()), row(0), row(1), row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.CHECKPOINT_MISMATCH);
        assertThat(result.firstBreak().position()).isEqualTo(6);
    }

    @Test
    void aCheckpointAtAPositionTheChainNeverHeldIsAMismatch() {
        ChainFold.Result result = fold(new ChainFold.Expected(3, links.get(1).hash()), row(0), row(1), row(2));
        assertThat(result.firstBreak().kind()).isEqualTo(ChainFold.Kind.CHECKPOINT_MISMATCH);
        assertThat(result.firstBreak().position()).isEqualTo(3);
    }
}
