package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** A command's transaction reads its model from the read model once, for the aggregate and the projection both. */
@RegistryTest
class ModelRowsTest {

    @LocalServerPort
    int port;
    @Autowired
    ModelRows rows;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ModelProjection projection;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTransactionReadsAModelOnceAndTheNextOneReadsItAgain() {
        String id = Api.uniqueId("rows");
        new Api(port).register(id);
        ModelId modelId = ModelId.of(id);

        transaction.executeWithoutResult(status -> {
            Optional<PositionedModel> first = rows.load(modelId);
            assertThat(first).isPresent();
            assertThat(rows.load(modelId)).containsSame(first.get());
        });
        PositionedModel inOne = transaction.execute(status -> rows.load(modelId).orElseThrow());
        PositionedModel inAnother = transaction.execute(status -> rows.load(modelId).orElseThrow());
        assertThat(inAnother).isNotSameAs(inOne).isEqualTo(inOne);
        assertThat(rows.load(modelId).orElseThrow()).isNotSameAs(rows.load(modelId).orElseThrow());
    }

    /**
     * Another instance can commit an event between a command's read of the row and its append; the command then
     * decides on the events after the row, and the projection must evolve the row they lead to, not the copy.
     */
    @Test
    void aKeptCopyThatAnotherTransactionMovedPastIsReadAgainBeforeTheNextEventEvolvesIt() {
        String id = Api.uniqueId("rows");
        Api api = new Api(port);
        api.register(id);
        ModelId modelId = ModelId.of(id);

        transaction.executeWithoutResult(status -> {
            assertThat(rows.load(modelId).orElseThrow().state().revision()).isZero();
            assertThat(api.patch("/api/v1/ai-models/" + id, Map.of("name", "Renamed elsewhere")).status())
                    .isEqualTo(200);
            ModelMetadataUpdated next = new ModelMetadataUpdated(modelId, null, "Described here", null, null);
            projection.on(next, 2, Instant.now(), new GenericTrackedDomainEventMessage<>(
                    new GlobalSequenceTrackingToken(Long.MAX_VALUE),
                    new GenericDomainEventMessage<>("ModelAggregate", id, 2, next)));

            PositionedModel stored = rows.loadAll(List.of(id)).get(id);
            assertThat(stored.state().revision()).isEqualTo(2);
            assertThat(stored.state().name()).isEqualTo("Renamed elsewhere");
            assertThat(stored.state().description()).isEqualTo("Described here");
            // The event was never appended: nothing of it may stay in the read model.
            status.setRollbackOnly();
        });
    }

    /**
     * The rebuild's rows are rendered in shares on every core and kept in blocks: rows far larger than a block reach
     * the staging tables whole, each once, with the characters COPY's text format escapes.
     */
    @Test
    void rowsSpanningManyBlocksReachTheStagingTablesWholeAndOnce() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        List<PositionedModel> models = IntStream.range(0, 300).mapToObj(i -> new PositionedModel(new ModelState(
                ModelId.of(String.format("blocks-%03d", i)), "Blocks " + i, description(i), List.of("detection"),
                Map.of("k", "tab\there"), true, false, null, 0, now, now, Map.of(), null, Map.of()), i)).toList();

        transaction.executeWithoutResult(status -> {
            rows.clearStaging();
            rows.copyToStaging(models);

            List<String> staged = jdbc.queryForList(
                    "SELECT description FROM model_staging WHERE model_id LIKE 'blocks-%' ORDER BY model_id",
                    String.class);
            assertThat(staged).containsExactlyElementsOf(models.stream().map(m -> m.state().description()).toList());
            assertThat(jdbc.queryForObject("SELECT tags::text FROM model_staging WHERE model_id = 'blocks-299'",
                    String.class)).isEqualTo("{\"k\": \"tab\\there\"}");
            status.setRollbackOnly();
        });
    }

    /** About 5 KB each, with a tab, a newline, a backslash and a character beyond the Basic Multilingual Plane. */
    private static String description(int i) {
        return (i + " \t\n\\ \uD83D\uDE00 ").repeat(500);
    }
}
