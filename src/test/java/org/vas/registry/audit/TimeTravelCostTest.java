package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.infrastructure.axon.TrackedPositions;
import org.vas.registry.infrastructure.db.BoundIds;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.support.Api;
import org.vas.registry.support.Plans;
import org.vas.registry.support.RegistryTest;

/**
 * Time travel's cost follows the size of the answer, not the length of the log: counted in events read from the
 * log per request (a count, not a timing, so it holds on a busy machine).
 */
@RegistryTest
@TestPropertySource(properties = {"registry.time-travel.checkpoint-interval=" + TimeTravelCostTest.INTERVAL,
        "registry.time-travel.model-snapshot-interval=" + TimeTravelCostTest.SNAPSHOT_INTERVAL})
class TimeTravelCostTest {

    static final int INTERVAL = 40;
    static final int SNAPSHOT_INTERVAL = 8;
    private static final String MODELS = "/api/v1/ai-models";
    private static final String CAMERA = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final int MODEL_COUNT = 12;
    private static final int TOGGLES = 15;

    @LocalServerPort
    int port;
    private long requests;
    private double totalRead;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventLog log;
    @Autowired
    ObjectMapper json;
    @Autowired
    TrackedPositions tracked;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ModelSnapshots snapshots;

    @Test
    void anAsOfRequestReadsABoundedNumberOfEventsHoweverLongTheLog() {
        Api api = new Api(port);
        String tag = Api.uniqueId("cost");
        List<String> ids = new ArrayList<>();
        long middle = 0;
        for (int m = 0; m < MODEL_COUNT; m++) {
            String id = tag + "-" + m;
            ids.add(id);
            assertThat(api.post(MODELS, Map.of("model_id", id, "name", id, "supported_tasks", List.of("object_detection"),
                    "tags", Map.of("run", tag))).status()).isEqualTo(201);
            assertThat(api.addVersion(id, "1.0.0", 15, null).status()).isEqualTo(201);
            for (int t = 0; t < TOGGLES; t++) {
                assertThat(api.post(MODELS + "/" + id + (t % 2 == 0 ? "/enable" : "/disable"),
                        t % 2 == 0 ? null : Map.of("reason", "toggle")).status()).isEqualTo(200);
            }
            if (m == MODEL_COUNT / 2) {
                middle = head();
            }
        }
        long head = head();
        assertThat(head).as("a log many intervals long").isGreaterThan(5L * INTERVAL);
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpointed() > head - INTERVAL);
        assertThat(checkpointed()).as("the past list starts from a checkpoint read back from its table, not from "
                + "the state last written, which is kept in memory").isGreaterThan(middle);
        int modelEvents = 2 + TOGGLES;

        countFromHere();
        JsonNode pastList = api.get(MODELS + "?include_retired=true&tag=run:" + tag + "&as_of=" + middle)
                .json();
        // A filtered past list: at most the events after a checkpoint, plus its page's models' own events.
        assertThat(lastRead()).as("events read for a past list")
                .isLessThanOrEqualTo(2L * INTERVAL + pageEvents(pastList, modelEvents));
        JsonNode enabledAtHead = api.get(MODELS + "?enabled=true&limit=1&as_of=" + head).json();
        assertThat(lastRead()).as("events read for a list as of the head")
                .isLessThanOrEqualTo(2L * INTERVAL + pageEvents(enabledAtHead, modelEvents));
        String instant = api.get(MODELS + "/" + ids.get(MODEL_COUNT / 2) + "/history").json().get("events")
                .get(modelEvents - 1).get("occurred_at").asText();
        JsonNode listAtInstant = api.get(MODELS + "?include_retired=true&tag=run:" + tag + "&as_of="
                + instant).json();
        assertThat(lastRead()).as("events read for a list as of an instant")
                .isLessThanOrEqualTo(2L * INTERVAL + pageEvents(listAtInstant, modelEvents));

        // Just before a checkpoint, the events after the one before it are an interval long: a list that folded from
        // checkpoints would read them all, one that folds only its page's models reads those models' events.
        long beforeCheckpoint = checkpointed() - 1;
        JsonNode newest = api.get(MODELS + "?include_retired=true&limit=1&as_of=" + beforeCheckpoint).json();
        assertThat(lastRead()).as("events read for a page of one model without a filter")
                .isLessThanOrEqualTo(2L * modelEvents).isLessThan(INTERVAL - 1L);
        assertThat(Api.modelIds(newest)).hasSize(1).isSubsetOf(ids);
        assertThat(newest.get("next_cursor").isNull()).isFalse();

        for (JsonNode listed : pastList.get("models")) {
            JsonNode one = api.get(MODELS + "/" + listed.get("model_id").asText() + "?as_of=" + middle).json();
            assertThat(lastRead()).as("events read for one model").isLessThanOrEqualTo(modelEvents);
            for (String field : List.of("name", "enabled", "status_reason", "revision", "created_at", "updated_at")) {
                assertThat(listed.get(field)).as(field).isEqualTo(one.get(field));
            }
        }
        assertThat(Api.modelIds(pastList)).containsExactlyInAnyOrderElementsOf(ids.subList(0, MODEL_COUNT / 2 + 1));
        assertThat(Api.modelIds(listAtInstant)).containsExactlyInAnyOrderElementsOf(ids.subList(0, MODEL_COUNT / 2 + 1));

        assertThat(Plans.rowsSorted(jdbc, ModelSnapshots.statement(new AsOf(null, middle), BoundIds.of(ids)),
                ids.toArray(String[]::new), ModelSnapshots.SHAPE, middle, middle))
                .as("rows sorted to read a page's models as they were, each carrying its model's snapshot").isZero();

        Map<String, Object> assignment = Map.of("camera_id", CAMERA, "model_id", ids.get(0), "desired_fps", 5);
        assertThat(api.post(MODELS + "/validate-assignment?as_of=" + middle, assignment).status()).isEqualTo(200);
        assertThat(lastRead()).as("events read for a past validation").isLessThanOrEqualTo(modelEvents);
    }

    /**
     * A model's history may be as long as the log: its past is its nearest snapshot plus at most an interval of its
     * own events, and is the same as the fold of its whole history.
     */
    @Test
    void oneModelsPastReadsAtMostASnapshotIntervalOfItsEventsHoweverLongItsHistory() {
        Api api = new Api(port);
        String id = Api.uniqueId("long-history");
        assertThat(api.register(id).status()).isEqualTo(201);
        assertThat(api.addVersion(id, "1.0.0", 15, null).status()).isEqualTo(201);
        for (int t = 0; t < 8 * SNAPSHOT_INTERVAL; t++) {
            assertThat(api.post(MODELS + "/" + id + (t % 2 == 0 ? "/enable" : "/disable"),
                    t % 2 == 0 ? null : Map.of("reason", "toggle")).status()).isEqualTo(200);
        }
        int revision = 6 * SNAPSHOT_INTERVAL + 3;
        long position = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE "
                + "aggregate_identifier = ? AND sequence_number = ?", Long.class, id, revision);
        String past = MODELS + "/" + id + "?as_of=";
        countFromHere();

        JsonNode wholeHistory = api.get(past + position).json();
        assertThat(wholeHistory.get("revision").asLong()).isEqualTo(revision);
        assertThat(lastRead()).as("the first look folds the whole history").isEqualTo(revision + 1L);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(id, ModelSnapshots.SHAPE) == 6);
        assertThat(api.get(past + head()).json().get("revision").asLong()).isEqualTo(8L * SNAPSHOT_INTERVAL + 1);
        assertThat(lastRead()).as("events after the nearest snapshot, as of the head").isEqualTo(18L);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(id, ModelSnapshots.SHAPE) == 8);

        double[] keptBefore = snapshotsKept();
        assertThat(api.get(past + position).json()).isEqualTo(wholeHistory);
        assertThat(lastRead()).as("events after the nearest snapshot").isEqualTo(4L);
        double[] keptAfter = snapshotsKept();
        assertThat(keptAfter[0] - keptBefore[0]).as("the nearest snapshot, kept as written").isEqualTo(1.0);
        assertThat(keptAfter[1] - keptBefore[1]).as("snapshots parsed again").isZero();
        assertThat(visited("domain_event_entry", id, position))
                .as("events the statement visits, the later ones of the model too").isEqualTo(4L);
        assertThat(visited("model_snapshot", id, position))
                .as("snapshots the statement visits, the later ones of the model too").isEqualTo(1L);
        String instant = api.get(MODELS + "/" + id + "/history").json().get("events").get(revision)
                .get("occurred_at").asText();
        JsonNode atInstant = api.get(past + instant).json();
        assertThat(lastRead()).as("events after the nearest snapshot, as of an instant")
                .isLessThan(SNAPSHOT_INTERVAL);
        assertThat(atInstant.get("revision").asLong()).isGreaterThanOrEqualTo(revision);

        jdbc.update("UPDATE model_snapshot SET shape = 'an earlier release' WHERE model_id = ?", id);
        assertThat(api.get(past + position).json()).isEqualTo(wholeHistory);
        assertThat(lastRead()).as("snapshots of another shape are not read").isEqualTo(revision + 1L);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(id, ModelSnapshots.SHAPE) == 6);

        assertThat(verifiedFields(api, id)).isEmpty();
        jdbc.update("UPDATE model_snapshot SET state = (SELECT state FROM model_snapshot WHERE model_id = ? AND "
                + "revision = ?) WHERE model_id = ? AND revision = ?", id, SNAPSHOT_INTERVAL - 1, id,
                2 * SNAPSHOT_INTERVAL - 1);
        assertThat(verifiedFields(api, id)).as("the verifier compares each snapshot with the fold at its revision")
                .contains("snapshot " + (2 * SNAPSHOT_INTERVAL - 1) + ": revision");
    }

    /**
     * One model's past is a statement PostgreSQL plans once per connection: planning it again on every read cost
     * more than running it (a custom plan each time, as for an array of model ids). Counted in the plans the
     * connection made, not in time.
     */
    @Test
    void oneModelsPastIsReadByAStatementPlannedOncePerConnection() {
        Api api = new Api(port);
        String id = Api.uniqueId("planned");
        assertThat(api.register(id).status()).isEqualTo(201);
        assertThat(api.addVersion(id, "1.0.0", 15, null).status()).isEqualTo(201);
        AsOf asOf = new AsOf(null, head());
        String plans = "SELECT coalesce(sum(custom_plans), 0) FROM pg_prepared_statements "
                + "WHERE statement LIKE '%model_snapshot%'";
        int reads = 12;

        long customPlans = new TransactionTemplate(transactions).execute(status -> {
            long before = jdbc.queryForObject(plans, Long.class);
            for (int i = 0; i < reads; i++) {
                assertThat(snapshots.fold(asOf, List.of(id)).view(id).versions()).hasSize(1);
            }
            return jdbc.queryForObject(plans, Long.class) - before;
        });

        assertThat(customPlans).as("plans made for this connection alone, before a generic plan")
                .isLessThanOrEqualTo(5);
    }

    /**
     * The rows of a table one model's past visits, as the registry runs the statement after its first executions on
     * a connection: with a generic plan.
     */
    private long visited(String table, String modelId, long position) {
        AsOf asOf = new AsOf(null, position);
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            return Plans.rowsVisited(jdbc, table,
                    ModelSnapshots.statement(asOf, BoundIds.of(List.of(modelId))), modelId, ModelSnapshots.SHAPE,
                    position, position);
        });
    }

    private static List<String> verifiedFields(Api api, String modelId) {
        List<String> fields = new ArrayList<>();
        api.get("/api/v1/admin/verify").json().get("differences").forEach(difference -> {
            if (difference.get("model_id").asText().equals(modelId)) {
                fields.add(difference.get("field").asText());
            }
        });
        return fields;
    }

    /**
     * A release that changes the checkpoints' shape starts with none it can read: it must write every checkpoint the
     * log has passed, each from the one before, or every past request would fold the log from its start.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void checkpointsOfAnotherShapeAreReplacedByEveryOneTheLogHasPassed() {
        Api api = new Api(port);
        String tag = Api.uniqueId("shape");
        for (int m = 0; m < 6; m++) {
            String id = tag + "-" + m;
            assertThat(api.register(id).status()).isEqualTo(201);
            for (int t = 0; t < TOGGLES; t++) {
                assertThat(api.patch(MODELS + "/" + id, Map.of("name", id + " " + t)).status()).isEqualTo(200);
            }
        }
        long head = head();
        // The registry's own writer has passed the head, so it writes nothing while this test looks.
        await().atMost(Duration.ofSeconds(60)).until(() -> tracked.of(CheckpointWriter.NAME) >= head);
        jdbc.update("UPDATE time_travel_checkpoint SET shape = 'an earlier release'");

        // In a transaction, as the checkpoint writer's tracking processor calls it.
        Checkpoints checkpoints = new Checkpoints(jdbc, json, log, transactions, INTERVAL);
        new TransactionTemplate(transactions).executeWithoutResult(status -> checkpoints.reached(head));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM time_travel_checkpoint WHERE shape <> ?", Long.class,
                Checkpoints.SHAPE)).isZero();
        List<Map<String, Object>> written = jdbc.queryForList(
                "SELECT position, models FROM time_travel_checkpoint ORDER BY position");
        assertThat(written).isNotEmpty();
        long expected = INTERVAL;
        for (Map<String, Object> checkpoint : written) {
            assertThat(((Number) checkpoint.get("position")).longValue()).isEqualTo(expected);
            expected += Math.max(INTERVAL, ((Number) checkpoint.get("models")).longValue());
        }
        assertThat(expected).as("the next checkpoint is due after the head").isGreaterThan(head);
    }

    /** The kept snapshots' hits and misses so far. */
    private double[] snapshotsKept() {
        return new double[] {snapshotLookups("hit"), snapshotLookups("miss")};
    }

    private double snapshotLookups(String result) {
        return meters.get("cache.gets").tag("cache", "model_snapshots").tag("result", result).functionCounter()
                .count();
    }

    private long snapshots(String modelId, String shape) {
        return jdbc.queryForObject("SELECT count(*) FROM model_snapshot WHERE model_id = ? AND shape = ?", Long.class,
                modelId, shape);
    }

    private void countFromHere() {
        DistributionSummary before = meters.get("registry.time.travel.events.read").summary();
        requests = before.count();
        totalRead = before.totalAmount();
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private long checkpointed() {
        Long position = jdbc.queryForObject("SELECT max(position) FROM time_travel_checkpoint", Long.class);
        return position == null ? 0 : position;
    }

    /** The events the last request read: the count is taken on every as_of request, and only this test asks. */
    private long lastRead() {
        DistributionSummary read = meters.get("registry.time.travel.events.read").summary();
        long count = read.count();
        double total = read.totalAmount();
        assertThat(count).as("one more as_of request").isEqualTo(requests + 1);
        long last = (long) (total - totalRead);
        requests = count;
        totalRead = total;
        return last;
    }


    /** The events of the models a page shows, each having at most {@code modelEvents}. */
    private static long pageEvents(JsonNode page, int modelEvents) {
        return (long) page.get("models").size() * modelEvents;
    }
}
