package org.vas.registry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.vas.registry.support.Api;

/**
 * Whether the registry's default memory bound costs throughput: after the benchmark, a second registry without
 * the bound (the JVM's own default, a quarter of the machine for the heap) starts on the same database, and both
 * serve the same reads and validations in alternating slices, so that whatever else the machine does falls on
 * both alike. Only one of them is under load at a time.
 */
final class UnboundedComparison {

    /** The JVM's default heap, stated, so that the registry does not bound itself (cli/BoundedMemory). */
    static final String UNBOUNDED = "-XX:MaxRAMPercentage=25";
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(150);
    private static final Duration SLICE = Duration.ofSeconds(3);
    private static final int SLICES = 6;
    private static final int WORKERS = 8;
    /** The "throughput within 10% of an unbounded run". */
    private static final double MIN_RATIO = 0.9;

    private final Path jar;
    private final Path dataDir;
    private final int postgresPort;
    private final DataSource database;
    private final Load bounded;

    UnboundedComparison(Path jar, Path dataDir, int postgresPort, DataSource database, int boundedPort) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.postgresPort = postgresPort;
        this.database = database;
        this.bounded = new Load("127.0.0.1", boundedPort);
    }

    /** What the comparison found: a row per measure (bounded against unbounded) and the unbounded process's RSS. */
    record Result(List<Benchmark.Row> rows, Map<String, String> facts) {
    }

    Result run(Path log) throws Exception {
        List<String> ids = modelIds();
        int port = BenchmarkMain.freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                UNBOUNDED, "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres");
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", postgresPassword());
        builder.environment().put("REGISTRY_SIGNING_KEY_FILE", dataDir + ".signing-key");
        builder.environment().put("REGISTRY_BOOTSTRAP_ADMIN_KEY", Api.ADMIN_KEY);
        Process unbounded = builder.start();
        try {
            BenchmarkMain.awaitUp(unbounded, port, Benchmark.LIVENESS);
            Load other = new Load("127.0.0.1", port);
            Map<String, Load.Step> steps = new LinkedHashMap<>();
            steps.put("GET /api/v1/ai-models/{id}", (c, w, i) -> c.get(Benchmark.MODELS + "/" + pick(ids)).status() == 200);
            steps.put("validate-assignment", (c, w, i) -> c.post(Benchmark.MODELS + "/validate-assignment",
                    assignment(pick(ids))).status() == 200);
            steps.put("GET /api/v1/ai-models?limit=50", (c, w, i) -> c.get(Benchmark.MODELS + "?limit=50").status() == 200);
            warmUp(other, steps.values());
            List<Benchmark.Row> rows = new ArrayList<>();
            for (Map.Entry<String, Load.Step> step : steps.entrySet()) {
                double[] throughput = alternate(other, step.getValue());
                double ratio = throughput[0] / throughput[1];
                rows.add(new Benchmark.Row(step.getKey() + " throughput with the default memory bound vs without ("
                        + UNBOUNDED + ")", String.format("%,d models", ids.size()), String.format(
                        "%,.0f vs %,.0f req/s = %.2fx (%d clients, alternating slices)", throughput[0],
                        throughput[1], ratio, WORKERS), ">= " + MIN_RATIO + "x",
                        ratio >= MIN_RATIO ? Benchmark.Status.PASS : Benchmark.Status.FAIL, ratio));
            }
            return new Result(rows, Map.of("RSS of the unbounded registry after the comparison (peak)",
                    Rss.describe(Rss.peakKb(unbounded.pid()))));
        } finally {
            unbounded.destroy();
            if (!unbounded.waitFor(60, TimeUnit.SECONDS)) {
                unbounded.destroyForcibly();
            }
        }
    }

    /**
     * The unbounded registry has just started, cold; the bounded one has served the whole benchmark, whose last
     * rows (the rebuilds) emptied its caches of rendered models. Measured now, the comparison would time the
     * unbounded one's compiler and the bounded one's cache misses, so each step runs on both in turn until both
     * throughputs are within 10% of their previous window, or until {@link #WARM_UP_LIMIT}.
     */
    private void warmUp(Load unbounded, Collection<Load.Step> steps) {
        Load[] targets = {bounded, unbounded};
        Map<String, Double> previous = new HashMap<>();
        long start = System.nanoTime();
        boolean steady = false;
        while (!steady && System.nanoTime() - start < WARM_UP_LIMIT.toNanos()) {
            steady = !previous.isEmpty();
            int s = 0;
            for (Load.Step step : steps) {
                for (int which = 0; which < targets.length; which++) {
                    double throughput = targets[which].run(WORKERS, Duration.ZERO, SLICE, step).throughput();
                    Double before = previous.put(s + "/" + which, throughput);
                    steady &= before != null && Math.abs(throughput - before) <= 0.1 * before;
                }
                s++;
            }
        }
    }

    /** Requests per second of the bounded registry and of the unbounded one, in alternating slices. */
    private double[] alternate(Load unbounded, Load.Step step) {
        Load[] targets = {bounded, unbounded};
        for (Load target : targets) {
            target.run(WORKERS, Duration.ZERO, SLICE, step);
        }
        long[] requests = new long[2];
        for (int s = 0; s < SLICES; s++) {
            for (int which = 0; which < 2; which++) {
                Load.Result result = targets[which].run(WORKERS, Duration.ZERO, SLICE, step);
                if (result.errors() > 0) {
                    throw new IllegalStateException(result.errors() + " unexpected responses");
                }
                requests[which] += result.requests();
            }
        }
        double seconds = SLICE.multipliedBy(SLICES).toNanos() / 1e9;
        return new double[] {requests[0] / seconds, requests[1] / seconds};
    }

    private List<String> modelIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT model_id FROM model")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static String assignment(String model) {
        return "{\"camera_id\":\"" + UUID.randomUUID() + "\",\"model_id\":\"" + model + "\",\"desired_fps\":10,"
                + "\"parameters\":{\"zones\":[{\"id\":\"dock\",\"type\":\"restricted\","
                + "\"points\":[[0,0],[100,0],[100,80]]}]}}";
    }

    /** The embedded database's generated superuser password, from the password file beside its data directory. */
    private String postgresPassword() throws IOException {
        return Files.readAllLines(Path.of(dataDir + ".pgpass")).stream()
                .map(line -> line.split(":"))
                .filter(fields -> fields.length == 5 && fields[3].equals("postgres"))
                .map(fields -> fields[4]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no postgres password in " + dataDir + ".pgpass"));
    }
}
