package org.vas.registry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The registry's performance targets, each a ratio to a baseline measured in the same run, at a small and at a
 * large registry. It drives a running registry over HTTP from this process and reads its database over JDBC
 * only for the baselines (raw INSERTs, a raw scan) and for counting what was seeded.
 */
final class Benchmark {

    static final String MODELS = "/api/v1/ai-models";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String REBUILD = "/api/v1/admin/projections/model-projection/rebuild";

    /** How big and how long. Every loop is bounded by both a count and a time. */
    record Settings(int smallModels, int largeModels, int eventsPerModel, int concurrency, Duration jitWarmup,
                    Duration warmupLimit, Duration warmup, Duration measure, int slices, int batchRepeats,
                    String modelPrefix) {

        /**
         * The recorded run. {@code -Dbench.small}, {@code -Dbench.large} and {@code -Dbench.warmup-limit} (seconds)
         * change the scales and the warm-up for a quicker look while working on one row (a large scale of 0
         * measures the small one only).
         */
        static Settings full() {
            return new Settings(Integer.getInteger("bench.small", 10), Integer.getInteger("bench.large", 10_000), 10,
                    8, Duration.ofSeconds(4), Duration.ofSeconds(Long.getLong("bench.warmup-limit", 150)),
                    Duration.ofSeconds(2), Duration.ofSeconds(6), 6, 15, "bench");
        }

        static Settings smoke(String modelPrefix) {
            return new Settings(4, 12, 10, 4, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(100),
                    Duration.ofMillis(300), 2, 2, modelPrefix);
        }
    }

    /** The registry under test: where it listens and its database. */
    record Target(String host, int port, DataSource database) {
    }

    enum Status { PASS, FAIL, SKIP }

    /** One printed row. {@code value} is what the scale comparison compares; NaN when there is none. */
    record Row(String measure, String scale, String figures, String target, Status status, double value) {
    }

    /** Everything one run found. */
    record Report(List<Row> rows, Map<String, String> facts) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;
    /** The largest page the list serves. */
    private static final int PAGE = 1000;
    private static final int EVENTS_BEFORE_TOGGLES = 4;
    private static final Duration LAG_POLL_LIMIT = Duration.ofSeconds(2);
    /** Throughput within this fraction of the previous warm-up window counts as steady. */
    private static final double STEADY = 0.10;
    private static final int REBUILD_ROUNDS = 3;

    private final Settings settings;
    private final Target target;
    private final Load load;
    private final String versionBody;
    private final Map<String, String> facts = new LinkedHashMap<>();
    /** Whether each seeded model is enabled now; each phase gives every model to exactly one worker. */
    private boolean[] enabled = new boolean[0];
    private String[] validationBodies = new String[0];

    Benchmark(Settings settings, Target target, Path versionExample) throws IOException {
        this.settings = settings;
        this.target = target;
        this.load = new Load(target.host(), target.port());
        this.versionBody = Files.readString(versionExample);
    }

    Report run() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<Row> small = scale(settings.smallModels());
        rows.addAll(small);
        if (settings.largeModels() > settings.smallModels()) {
            List<Row> large = scale(settings.largeModels());
            rows.addAll(large);
            rows.addAll(compare(small, large));
        }
        return new Report(rows, facts);
    }

    private List<Row> scale(int models) throws Exception {
        seed(models);
        String scale = String.format("%,d models", models);
        long compileStart = System.nanoTime();
        readEveryModel(models);
        facts.put("first read and validation of every model at " + scale
                        + " (list pages of 1,000 by cursor, each model read, then batches; compiles each version's"
                        + " schema)",
                String.format("%.1f s, %.2f ms per model, in batches of %d", (System.nanoTime() - compileStart) / 1e9,
                        (System.nanoTime() - compileStart) / 1e6 / models, BATCH));
        prepareValidationBodies(models);
        if (models == settings.smallModels()) {
            warmUp(models);
        }
        List<Row> rows = new ArrayList<>();
        if (measures("get")) {
            rows.add(readRow("GET /api/v1/ai-models/{id} throughput", scale, 0.75,
                    (c, w, i) -> c.get(MODELS + "/" + id(random(models))).status() == 200));
        }
        if (measures("list")) {
            rows.add(readRow("GET /api/v1/ai-models?limit=50 throughput", scale, 0.5,
                    (c, w, i) -> c.get(MODELS + "?limit=50").status() == 200));
        }
        if (measures("validate")) {
            rows.add(validateRow(scale, models));
        }
        if (measures("batch")) {
            rows.add(batchRow(scale, models));
        }
        if (measures("append")) {
            rows.add(appendRow(scale, models));
        }
        if (measures("rebuild")) {
            rows.add(rebuildRow(scale));
        }
        if (measures("lag")) {
            rows.add(lagRow(scale, models));
        }
        HistoryRows history = new HistoryRows(settings, target, load, this::scanLog);
        if (measures("asof")) {
            rows.addAll(history.timeTravel(scale, models));
        }
        if (measures("feed")) {
            rows.add(history.feed(scale));
        }
        enableAll();
        return rows;
    }

    /**
     * Whether this run measures a row: all of them, unless {@code -Dbench.rows} names some (get, list, validate,
     * batch, append, rebuild, lag, asof, feed), which is for working on one row, never for a recorded run.
     */
    private static boolean measures(String row) {
        String only = System.getProperty("bench.rows", "");
        return only.isBlank() || Arrays.asList(only.split(",")).contains(row);
    }

    /**
     * A fresh JVM interprets before it compiles, and on two cores its compiler threads compete with the requests
     * for a minute or more: measured too early, a row would time the compiler rather than the registry, and the
     * first row a colder JVM than the last. So every endpoint the benchmark drives runs in turn, in windows of
     * {@code jitWarmup}, until each one's throughput is within 10% of its previous window (the JIT has
     * settled), or until {@code warmupLimit}. How long that took is reported.
     */
    private void warmUp(int models) throws Exception {
        Map<String, Load.Step> steps = new LinkedHashMap<>();
        steps.put("liveness", this::liveness);
        steps.put("get", (c, w, i) -> c.get(MODELS + "/" + id(random(models))).status() == 200);
        steps.put("list", (c, w, i) -> c.get(MODELS + "?limit=50").status() == 200);
        steps.put("validate", (c, w, i) ->
                valid(c.post(MODELS + "/validate-assignment", validationBody(random(models)))));
        String batch = batchBody(models);
        steps.put("batch", (c, w, i) -> c.post(MODELS + "/validate-assignments", batch).status() == 200);
        steps.put("toggle", (c, w, i) -> toggle(c, models, w, i) != null);
        Map<String, Double> previous = new LinkedHashMap<>();
        long start = System.nanoTime();
        boolean steady = false;
        int rounds = 0;
        while (!steady && System.nanoTime() - start < settings.warmupLimit().toNanos()) {
            steady = rounds > 0;
            for (Map.Entry<String, Load.Step> step : steps.entrySet()) {
                double throughput = load.run(settings.concurrency(), Duration.ZERO, settings.jitWarmup(),
                        step.getValue()).throughput();
                Double before = previous.put(step.getKey(), throughput);
                steady &= before != null && Math.abs(throughput - before) <= STEADY * before;
            }
            rounds++;
        }
        enableAll();
        facts.put("warm-up before the first row (every endpoint in turn until its throughput is steady)",
                String.format("%.0f s, %d rounds, %s", (System.nanoTime() - start) / 1e9, rounds,
                        steady ? "steady" : "stopped at the limit, not yet steady"));
    }

    /** The write measures leave some models disabled; validation is measured on enabled ones. */
    private void enableAll() throws Exception {
        forEachModel(enabled.length, 0, (c, index) -> {
            if (!enabled[index]) {
                expect(c.post(MODELS + "/" + id(index) + "/enable", null), 200, id(index));
                enabled[index] = true;
            }
        });
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    private Row readRow(String measure, String scale, double target, Load.Step step) {
        Load.Result[] pair = againstTrivial(step);
        Load.Result trivial = pair[0];
        Load.Result measured = pair[1];
        double ratio = measured.throughput() / trivial.throughput();
        return new Row(measure, scale, String.format("%s vs liveness %s = %.2fx", measured.describe(),
                trivial.describe(), ratio) + errors(measured), ">= " + target + "x",
                status(ratio >= target && measured.errors() == 0), ratio);
    }

    private Row validateRow(String scale, int models) {
        Load.Step validate = (c, w, i) -> valid(c.post(MODELS + "/validate-assignment",
                validationBody(random(models))));
        Load.Result[] pair = againstTrivial(validate);
        Load.Result trivial = pair[0];
        Load.Result measured = pair[1];
        Load.Result[] latencies = load.alternate(1, settings.warmup(), settings.measure(), settings.slices(),
                this::liveness, validate);
        // Latency without queueing: one client, one request at a time.
        Load.Result trivialLatency = latencies[0];
        Load.Result measuredLatency = latencies[1];
        double ratio = measured.throughput() / trivial.throughput();
        boolean pass = ratio >= 0.6 && measuredLatency.p99() <= trivialLatency.p99() + 0.5
                && measured.errors() + measuredLatency.errors() == 0;
        return new Row("validate-assignment with a JSON Schema check", scale, String.format(
                "%,.0f vs %,.0f req/s = %.2fx; one client: p99 %.2f ms vs liveness p99 %.2f ms",
                measured.throughput(), trivial.throughput(), ratio, measuredLatency.p99(), trivialLatency.p99())
                + errors(measured), ">= 0.6x; p99 <= trivial p99 + 0.5 ms", status(pass), ratio);
    }

    /** One validate-assignments body of {@value #BATCH} assignments, over the first models in turn. */
    private String batchBody(int models) {
        ArrayNode assignments = JSON.createArrayNode();
        for (int i = 0; i < BATCH; i++) {
            assignments.add(assignment(i % models));
        }
        return JSON.createObjectNode().set("assignments", assignments).toString();
    }

    private Row batchRow(String scale, int models) throws IOException {
        String batch = batchBody(models);
        List<String> singles = new ArrayList<>();
        JSON.readTree(batch).get("assignments").forEach(a -> singles.add(a.toString()));
        try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
            double singleMillis = Double.MAX_VALUE;
            double[] batchMillis = new double[settings.batchRepeats()];
            boolean ok = true;
            // The first round of each warms up; both take their best-of or median over the bounded repeats.
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (String single : singles) {
                    ok &= valid(connection.post(MODELS + "/validate-assignment", single));
                }
                singleMillis = Math.min(singleMillis, (System.nanoTime() - start) / 1e6);
            }
            ok &= connection.post(MODELS + "/validate-assignments", batch).status() == 200;
            for (int r = 0; r < batchMillis.length; r++) {
                long start = System.nanoTime();
                HttpConnection.Response response = connection.post(MODELS + "/validate-assignments", batch);
                batchMillis[r] = (System.nanoTime() - start) / 1e6;
                ok &= response.status() == 200 && JSON.readTree(response.body()).path("valid").asInt() == BATCH;
            }
            double median = median(batchMillis);
            double speedup = singleMillis / median;
            return new Row("batch validation of 500 assignments", scale, String.format(
                    "one batch %.1f ms vs 500 single calls %.1f ms = %.1fx faster", median, singleMillis, speedup)
                    + (ok ? "" : ", SOME ANSWERS WRONG"), ">= 50x faster", status(speedup >= 50 && ok), speedup);
        }
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    private Row appendRow(String scale, int models) throws Exception {
        Load.Result commands = throughput((c, w, i) -> toggle(c, models, w, i) != null);
        String payloadType;
        byte[] payload;
        byte[] metaData;
        try (Connection db = target.database().getConnection();
             Statement statement = db.createStatement();
             ResultSet last = statement.executeQuery("SELECT payload_type, payload, meta_data FROM domain_event_entry"
                     + " ORDER BY global_index DESC LIMIT 1")) {
            last.next();
            payloadType = last.getString(1);
            payload = last.getBytes(2);
            metaData = last.getBytes(3);
            statement.execute("DROP TABLE IF EXISTS bench_raw_event, bench_raw_state");
            statement.execute("CREATE TABLE bench_raw_state (id SMALLINT PRIMARY KEY, version BIGINT NOT NULL)");
            statement.execute("INSERT INTO bench_raw_state VALUES (1, 0)");
            statement.execute("""
                    CREATE TABLE bench_raw_event (
                        global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,
                        aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
                        type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL,
                        payload_revision VARCHAR(255), payload BYTEA NOT NULL, meta_data BYTEA,
                        UNIQUE (aggregate_identifier, sequence_number))""");
        }
        Load.Result raw;
        Load.Result rawWithSharedRow;
        try {
            raw = rawInserts(models, payloadType, payload, metaData, false);
            rawWithSharedRow = rawInserts(models, payloadType, payload, metaData, true);
        } finally {
            try (Connection db = target.database().getConnection(); Statement statement = db.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_raw_event, bench_raw_state");
            }
        }
        double ratio = commands.throughput() / raw.throughput();
        return new Row("command append throughput (enable/disable, concurrent)", scale, String.format(
                "%,.0f commands/s vs raw JDBC INSERT %,.0f rows/s = %.2fx (%d clients); for reference, the same"
                        + " INSERTs each with an UPDATE of one shared row in its transaction: %,.0f rows/s",
                commands.throughput(), raw.throughput(), ratio, settings.concurrency(),
                rawWithSharedRow.throughput()) + errors(commands), ">= 0.1x",
                status(ratio >= 0.1 && commands.errors() == 0), ratio);
    }

    /**
     * The same rows the commands appended, one transaction each (as each command is one transaction), from as
     * many connections as there were HTTP clients, timed like them. With {@code sharedRow}, each transaction also
     * moves a one-row counter, as the projection moves read_model_state: this shows what that row costs alone.
     */
    private Load.Result rawInserts(int models, String payloadType, byte[] payload, byte[] metaData,
                                   boolean sharedRow) throws Exception {
        int workers = settings.concurrency();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long measureFrom = System.nanoTime() + settings.warmup().toNanos();
            long until = measureFrom + settings.measure().toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                counts.add(pool.submit(() -> {
                    long rows = 0;
                    try (Connection db = target.database().getConnection();
                         PreparedStatement insert = db.prepareStatement("""
                                 INSERT INTO bench_raw_event (event_identifier, aggregate_identifier, sequence_number,
                                     type, time_stamp, payload_type, payload_revision, payload, meta_data)
                                 VALUES (?, ?, ?, 'ModelAggregate', ?, ?, '1', ?, ?)""");
                         PreparedStatement counter = db.prepareStatement(
                                 "UPDATE bench_raw_state SET version = version + 1 WHERE id = 1")) {
                        db.setAutoCommit(!sharedRow);
                        for (long i = 0; i < 10_000_000; i++) {
                            long sent = System.nanoTime();
                            if (sent >= until) {
                                break;
                            }
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, (sharedRow ? "shared-" : "raw-") + worker + "-"
                                    + (i % Math.max(1, models / workers)));
                            insert.setLong(3, i);
                            insert.setString(4, Instant.now().toString());
                            insert.setString(5, payloadType);
                            insert.setBytes(6, payload);
                            insert.setBytes(7, metaData);
                            insert.executeUpdate();
                            if (sharedRow) {
                                counter.executeUpdate();
                                db.commit();
                            }
                            if (sent >= measureFrom && System.nanoTime() <= until) {
                                rows++;
                            }
                        }
                    }
                    return rows;
                }));
            }
            long rows = 0;
            for (Future<Long> count : counts) {
                rows += count.get(settings.warmup().plus(settings.measure()).toSeconds() + 120, TimeUnit.SECONDS);
            }
            return new Load.Result(rows / (settings.measure().toNanos() / 1e9), Double.NaN, Double.NaN, rows, 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The better of {@value #REBUILD_ROUNDS} rounds of each side, as with the batch row: a rebuild runs once in a
     * while, so its first run meets code the JIT has not compiled yet, and so does the scan.
     */
    private Row rebuildRow(String scale) throws Exception {
        double scanMillis = Double.MAX_VALUE;
        double rebuildMillis = Double.MAX_VALUE;
        long scanned = 0;
        int status = 0;
        try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
            for (int round = 0; round < REBUILD_ROUNDS; round++) {
                long scanStart = System.nanoTime();
                scanned = scanLog();
                scanMillis = Math.min(scanMillis, (System.nanoTime() - scanStart) / 1e6);
                long start = System.nanoTime();
                HttpConnection.Response response = connection.post(REBUILD, "{}");
                rebuildMillis = Math.min(rebuildMillis, (System.nanoTime() - start) / 1e6);
                status = response.status();
                if (status / 100 != 2) {
                    break;
                }
            }
        }
        String measure = "full projection rebuild from the log";
        if (status == 404) {
            return new Row(measure, scale, String.format(
                    "endpoint not available; raw scan of %,d events took %.0f ms", scanned, scanMillis),
                    ">= 0.5x", Status.SKIP, Double.NaN);
        }
        double ratio = scanMillis / rebuildMillis;
        return new Row(measure, scale, String.format(
                "rebuild %.0f ms vs raw scan of %,d events %.0f ms = %.2fx (best of %d each)", rebuildMillis, scanned,
                scanMillis, ratio, REBUILD_ROUNDS) + (status / 100 == 2 ? "" : ", rebuild answered " + status),
                ">= 0.5x", status(ratio >= 0.5 && status / 100 == 2), ratio);
    }

    /** Every column of every event in {@code global_index} order, over plain JDBC; answers how many. */
    private long scanLog() throws SQLException {
        long scanned = 0;
        try (Connection db = target.database().getConnection()) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement()) {
                statement.setFetchSize(1000);
                try (ResultSet events = statement.executeQuery(
                        "SELECT * FROM domain_event_entry ORDER BY global_index")) {
                    while (events.next()) {
                        for (int c = 1; c <= 10; c++) {
                            events.getObject(c);
                        }
                        scanned++;
                    }
                }
            }
            db.commit();
        }
        return scanned;
    }

    /**
     * The projection is in the appending transaction, so the read model has no lag of its own; what a client can
     * observe is the time from one client's 2xx to a second connection seeing the change, under sustained writes
     * by every other worker.
     */
    private Row lagRow(String scale, int models) {
        try (HttpConnection reader = new HttpConnection(target.host(), target.port())) {
            return lagRow(scale, models, reader);
        }
    }

    private Row lagRow(String scale, int models, HttpConnection reader) {
        Histogram lags = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong unseen = new AtomicLong();
        int observer = settings.concurrency() - 1;
        Load.Result writes = load.run(settings.concurrency(), Duration.ZERO, settings.measure(), (c, w, i) -> {
            if (w != observer) {
                return toggle(c, models, w, i) != null;
            }
            String written = toggle(c, models, w, i);
            long acknowledged = System.nanoTime();
            if (written == null) {
                return false;
            }
            long revision = revision(written.substring(written.indexOf('|') + 1));
            String model = written.substring(0, written.indexOf('|'));
            long deadline = acknowledged + LAG_POLL_LIMIT.toNanos();
            for (int poll = 0; poll < 10_000 && System.nanoTime() < deadline; poll++) {
                HttpConnection.Response seen = reader.get(MODELS + "/" + model);
                if (seen.status() == 200 && revision(seen.etag()) >= revision) {
                    lags.recordValue(System.nanoTime() - acknowledged);
                    return true;
                }
            }
            unseen.incrementAndGet();
            return false;
        });
        double p99 = lags.getTotalCount() == 0 ? Double.NaN : lags.getValueAtPercentile(99) / 1e6;
        return new Row("projection lag p99 under sustained writes (2xx to visible on another connection)", scale,
                String.format("p99 %.2f ms, max %.2f ms over %,d samples while %,.0f commands/s", p99,
                        lags.getMaxValue() / 1e6, lags.getTotalCount(), writes.throughput())
                        + (unseen.get() > 0 ? ", " + unseen.get() + " NEVER SEEN" : ""), "< 50 ms",
                status(p99 < 50 && unseen.get() == 0 && lags.getTotalCount() > 0), p99);
    }

    /**
     * Enables or disables one model of this worker's share, so the command always changes state and appends one
     * event. Answers {@code "model|etag"}, or null when the command was not a 200.
     */
    private String toggle(HttpConnection connection, int models, int worker, long iteration) throws IOException {
        int workers = settings.concurrency();
        int share = (models - worker + workers - 1) / workers;
        if (share == 0) {
            return null;
        }
        int index = worker + workers * (int) (iteration % share);
        String model = id(index);
        HttpConnection.Response response = enabled[index]
                ? connection.post(MODELS + "/" + model + "/disable", "{\"reason\":\"benchmark toggle\"}")
                : connection.post(MODELS + "/" + model + "/enable", null);
        if (response.status() != 200) {
            return null;
        }
        enabled[index] = !enabled[index];
        return model + "|" + response.etag();
    }

    // ---- seeding ----------------------------------------------------------------------------------------------

    /**
     * Brings the registry to {@code models} models of {@code eventsPerModel} events each, through the HTTP API
     * with concurrent clients, so every seeded event went through the aggregate and the projection. Each model
     * gets two versions with the platform's geo-fencing contract and ends enabled.
     */
    private void seed(int models) throws Exception {
        int from = enabled.length;
        if (models <= from) {
            return;
        }
        long start = System.nanoTime();
        enabled = Arrays.copyOf(enabled, models);
        forEachModel(models, from, this::seedModel);
        facts.put(String.format("seeded to %,d models", models), String.format(
                "%,d models, %,d events in the log; %,d models seeded in %.1f s", count("SELECT count(*) FROM model"),
                count("SELECT count(*) FROM domain_event_entry"), models - from, (System.nanoTime() - start) / 1e9));
    }

    /**
     * The rows measure a registry in its steady state, where every model has been listed and read and every
     * version's schema compiled once; that first pass is timed separately and reported as a fact.
     */
    private void readEveryModel(int models) throws IOException {
        try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
            String cursor = null;
            for (int page = 0; page <= models / PAGE; page++) {
                HttpConnection.Response listed = connection.get(MODELS + "?limit=" + PAGE
                        + (cursor == null ? "" : "&cursor=" + cursor));
                expect(listed, 200, "list");
                cursor = JSON.readTree(listed.body()).path("next_cursor").asText(null);
                if (cursor == null) {
                    break;
                }
            }
            for (int index = 0; index < models; index++) {
                expect(connection.get(MODELS + "/" + id(index)), 200, id(index));
            }
            for (int first = 0; first < models; first += BATCH) {
                ArrayNode assignments = JSON.createArrayNode();
                for (int i = first; i < Math.min(models, first + BATCH); i++) {
                    assignments.add(assignment(i));
                }
                expect(connection.post(MODELS + "/validate-assignments",
                        JSON.createObjectNode().set("assignments", assignments).toString()), 200, "batch");
            }
        }
    }

    /** What one worker does to one model while seeding or restoring. */
    @FunctionalInterface
    private interface ModelStep {
        void run(HttpConnection connection, int index) throws IOException;
    }

    /** Models {@code from} to {@code models - 1}, shared among the workers, each model to exactly one. */
    private void forEachModel(int models, int from, ModelStep step) throws Exception {
        int workers = settings.concurrency();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    try (HttpConnection c = new HttpConnection(target.host(), target.port())) {
                        for (int index = from + worker; index < models; index += workers) {
                            step.run(c, index);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> d : done) {
                d.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each model gets a schema of its own (the contract's, plus one parameter named after the model), as in a
     * real fleet, so no cache can serve one model's schema to another.
     */
    private void seedModel(HttpConnection c, int index) throws IOException {
        String model = id(index);
        ObjectNode register = JSON.createObjectNode().put("model_id", model).put("name", "Benchmark model " + index)
                .put("description", "Person detection with zone intrusion monitoring, benchmark copy " + index);
        register.putArray("supported_tasks").add("person_detection").add("zone_monitoring");
        register.putObject("tags").put("team", "benchmark").put("shard", String.valueOf(index % 16));
        expect(c.post(MODELS, register.toString()), 201, model);
        for (String version : List.of("1.0.0", "1.1.0")) {
            ObjectNode body = (ObjectNode) JSON.readTree(versionBody);
            body.put("version", version);
            ((ObjectNode) body.get("config_schema")).putObject("label_" + index).put("type", "string");
            expect(c.post(MODELS + "/" + model + "/versions", body.toString()), 201, model);
        }
        expect(c.post(MODELS + "/" + model + "/enable", null), 200, model);
        boolean on = true;
        for (int e = EVENTS_BEFORE_TOGGLES; e < settings.eventsPerModel(); e++) {
            expect(on ? c.post(MODELS + "/" + model + "/disable", "{\"reason\":\"seeding\"}")
                    : c.post(MODELS + "/" + model + "/enable", null), 200, model);
            on = !on;
        }
        enabled[index] = on;
    }

    private static void expect(HttpConnection.Response response, int status, String model) {
        if (response.status() != status) {
            throw new IllegalStateException("seeding " + model + " answered " + response.status() + ": "
                    + response.body());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Load.Result throughput(Load.Step step) {
        return load.run(settings.concurrency(), settings.warmup(), settings.measure(), step);
    }

    /** The trivial endpoint and the measured one, in alternating slices with the same workers. */
    private Load.Result[] againstTrivial(Load.Step step) {
        return load.alternate(settings.concurrency(), settings.warmup(), settings.measure(), settings.slices(),
                this::liveness, step);
    }

    private boolean liveness(HttpConnection c, int worker, long iteration) throws IOException {
        return c.get(LIVENESS).status() == 200;
    }

    /** Request bodies built before the load, one per model, so the load generator only sends them. */
    private void prepareValidationBodies(int models) {
        String[] bodies = Arrays.copyOf(validationBodies, models);
        for (int i = validationBodies.length; i < models; i++) {
            bodies[i] = assignment(i).toString();
        }
        validationBodies = bodies;
    }

    private String validationBody(int index) {
        return validationBodies[index];
    }

    private ObjectNode assignment(int index) {
        ObjectNode assignment = JSON.createObjectNode().put("camera_id", UUID.randomUUID().toString())
                .put("model_id", id(index)).put("desired_fps", 10);
        ArrayNode zones = assignment.putObject("parameters").putArray("zones");
        ObjectNode zone = zones.addObject().put("id", "dock").put("type", "restricted");
        zone.putArray("points").add(JSON.createArrayNode().add(0).add(0)).add(JSON.createArrayNode().add(100).add(0))
                .add(JSON.createArrayNode().add(100).add(80));
        return assignment;
    }

    /**
     * Whether a validation answered valid. The answer is compact JSON whose only {@code valid} member is the
     * verdict, and a string value cannot hold an unescaped quote, so finding the bytes is as exact as parsing them,
     * and leaves the load generator's two shared cores to the registry.
     */
    private static boolean valid(HttpConnection.Response response) {
        return response.status() == 200 && contains(response.bytes(), VALID);
    }

    private static final byte[] VALID = "\"valid\":true".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private String id(int index) {
        return String.format("%s-%05d", settings.modelPrefix(), index);
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static long revision(String etag) {
        return etag == null ? -1 : Long.parseLong(etag.replace("\"", "").replace("W/", ""));
    }

    private long count(String sql) throws SQLException {
        try (Connection db = target.database().getConnection(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String errors(Load.Result result) {
        return result.errors() == 0 ? "" : String.format(", %,d UNEXPECTED ANSWERS", result.errors());
    }

    private static Status status(boolean pass) {
        return pass ? Status.PASS : Status.FAIL;
    }

    /** Each ratio at the large registry against the same ratio at the small one: within 1.5x either way. */
    private static List<Row> compare(List<Row> small, List<Row> large) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < small.size(); i++) {
            Row a = small.get(i);
            Row b = large.get(i);
            String measure = a.measure() + ": " + a.scale() + " vs " + b.scale();
            if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
                rows.add(new Row(measure, "both", "no figure at one scale", "within 1.5x", Status.SKIP,
                        Double.NaN));
                continue;
            }
            double factor = Math.max(a.value(), b.value()) / Math.min(a.value(), b.value());
            rows.add(new Row(measure, "both", String.format("%.2f vs %.2f: %.2fx apart", a.value(), b.value(),
                    factor), "within 1.5x", status(factor <= 1.5), factor));
        }
        return rows;
    }
}
