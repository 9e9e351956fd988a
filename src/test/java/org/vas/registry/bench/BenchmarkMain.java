package org.vas.registry.bench;

import org.vas.registry.support.Api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one-command benchmark ({@code ./mvnw -Pbench verify}): starts the packaged registry as its own process on
 * a fresh embedded PostgreSQL, drives it from this process, prints the table and writes docs/benchmarks.md.
 */
public final class BenchmarkMain {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String READINESS = "/actuator/health/readiness";
    /**
     * Restarts each way, the better taken: one restart of each moved by 2.6 s between runs on a quiet machine with
     * no step of the start-up's log growing with the events (2026-11-30), as two JVMs and PostgreSQL start.
     */
    private static final int START_ROUNDS = 3;

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "target/ai-model-registry-0.1.0-SNAPSHOT.jar"));
        Path output = Path.of(System.getProperty("bench.output", "docs/benchmarks.md"));
        Path example = Path.of(System.getProperty("bench.example", "docs/examples/geo_fencing-1.0.0.json"));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        Path dataDir = Files.createTempDirectory(work, "postgres-");
        int httpPort = freePort();
        int postgresPort = freePort();

        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true"));
        // For profiling the registry under the benchmark, e.g. -Dbench.registry-options=-XX:StartFlightRecording=...
        String options = System.getProperty("bench.registry-options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile());
        builder.environment().put("PORT", String.valueOf(httpPort));
        builder.environment().put("REGISTRY_DATA_DIR", dataDir.toString());
        builder.environment().put("REGISTRY_BOOTSTRAP_ADMIN_KEY", Api.ADMIN_KEY);
        builder.environment().put("REGISTRY_EMBEDDED_POSTGRES_PORT", String.valueOf(postgresPort));
        // The default glibc setting of every documented start (docs/operations.md, "Memory").
        String arenas = System.getProperty("bench.malloc-arena-max", "");
        if (!arenas.isBlank()) {
            builder.environment().put("MALLOC_ARENA_MAX", arenas);
        }
        long startedAt = System.nanoTime();
        Process registry = builder.start();
        try {
            awaitUp(registry, httpPort, Benchmark.LIVENESS);
            double startSeconds = (System.nanoTime() - startedAt) / 1e9;
            // Start-up on an empty log, the baseline of start-up on a large one: restarts, so neither has initdb.
            Restarted empty = restart(builder, registry, httpPort);
            registry = empty.registry();
            double emptyStartSeconds = empty.seconds();
            long rssAfterStart = Rss.currentKb(registry.pid());
            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setUrl("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres");
            database.setUser("postgres");
            // The embedded database's generated passwords, in PostgreSQL's password file beside its data directory.
            System.setProperty("org.postgresql.pgpassfile", dataDir + ".pgpass");

            Benchmark.Report report;
            Benchmark.Target target = new Benchmark.Target("127.0.0.1", httpPort, database);
            if ("http".equals(System.getProperty("bench.seed"))) {
                report = new Benchmark(Benchmark.Settings.full(), target, example).run();
            } else {
                // Seeding through the command bus of a second instance in this JVM: see CommandSeeder.
                try (CommandSeeder seeder = new CommandSeeder(database.getUrl(), dataDir, Files.readString(example),
                        Integer.getInteger("bench.seed-threads", 4))) {
                    report = new Benchmark(Benchmark.Settings.full(), target, example, seeder).run();
                }
            }
            Map<String, String> facts = new LinkedHashMap<>(machine(database));
            facts.put("start-up, fresh data directory (initdb, migrations) to liveness UP",
                    String.format("%.1f s", startSeconds));
            facts.put("RSS of the registry after start", Rss.describe(rssAfterStart));
            facts.putAll(report.facts());
            List<Benchmark.Row> rows = new java.util.ArrayList<>(report.rows());
            if (Boolean.parseBoolean(System.getProperty("bench.compare-unbounded", "true"))) {
                // A comparison that fails must not cost the run its table.
                try {
                    UnboundedComparison.Result comparison = new UnboundedComparison(jar, dataDir, postgresPort,
                            database, httpPort).run(work.resolve("registry-unbounded.log"));
                    rows.addAll(comparison.rows());
                    facts.putAll(comparison.facts());
                } catch (Exception failed) {
                    rows.add(new Benchmark.Row("throughput with the default memory bound vs without", "-",
                            "not measured: " + failed + " (see target/bench/registry-unbounded.log)", ">= 0.9x",
                            Benchmark.Status.FAIL, Double.NaN));
                }
            }
            rows.add(memoryRow(Rss.peakKb(registry.pid()), options));

            Restarted large = restart(builder, registry, httpPort);
            registry = large.registry();
            rows.add(startUpRow(emptyStartSeconds, large.seconds(), database));

            String table = table(rows);
            System.out.println();
            System.out.println(table);
            facts.forEach((k, v) -> System.out.println(k + ": " + v));
            Files.writeString(output, document(facts, table));
            System.out.println("written to " + output);
        } finally {
            stop(registry);
        }
    }

    /** The registry left running after the restarts, and the best of their times to readiness. */
    private record Restarted(Process registry, double seconds) {
    }

    private static Restarted restart(ProcessBuilder builder, Process running, int port) throws Exception {
        Process registry = running;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < START_ROUNDS; round++) {
            stop(registry);
            long startedAt = System.nanoTime();
            registry = builder.start();
            try {
                awaitUp(registry, port, READINESS);
            } catch (Exception notUp) {
                // The caller stops the registry it knows of, which is no longer this one.
                stop(registry);
                throw notUp;
            }
            best = Math.min(best, (System.nanoTime() - startedAt) / 1e9);
        }
        return new Restarted(registry, best);
    }

    private static void stop(Process registry) throws InterruptedException {
        registry.destroy();
        if (!registry.waitFor(60, TimeUnit.SECONDS)) {
            registry.destroyForcibly();
        }
    }

    /**
     * The kernel's high-water mark of the registry's resident set, from its start before the first row to the end of
     * the comparison with an unbounded registry: seeding, every row at both scales, and the rebuilds.
     */
    private static Benchmark.Row memoryRow(long peakKb, String options) {
        double megabytes = peakKb / 1024.0;
        return new Benchmark.Row("peak RSS of the registry under the whole benchmark, with the default settings",
                "both", String.format("%,.0f MB (VmHWM) with %s", megabytes, options.isBlank() ? "no options"
                        : options.trim()), "<= 512 MB", peakKb > 0 && megabytes <= 512 ? Benchmark.Status.PASS
                        : Benchmark.Status.FAIL, megabytes);
    }

    /** Start-up to readiness with the log the run left against start-up on an empty log, the best of restarts each. */
    private static Benchmark.Row startUpRow(double emptySeconds, double largeSeconds, PGSimpleDataSource database)
            throws Exception {
        long events;
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            count.next();
            events = count.getLong(1);
        }
        double ratio = largeSeconds / emptySeconds;
        return new Benchmark.Row("start-up to ready (restart) with a large log vs an empty one",
                String.format("%,d events", events), String.format("%.1f s vs %.1f s = %.2fx", largeSeconds,
                emptySeconds, ratio), "<= 1.2x", ratio <= 1.2 ? Benchmark.Status.PASS : Benchmark.Status.FAIL, ratio);
    }

    static String table(List<Benchmark.Row> rows) {
        StringBuilder table = new StringBuilder("| measure | scale | measured in the same run | target | result |\n"
                + "|---|---|---|---|---|\n");
        for (Benchmark.Row row : rows) {
            table.append("| ").append(row.measure()).append(" | ").append(row.scale()).append(" | ")
                    .append(row.figures()).append(" | ").append(row.target()).append(" | ")
                    .append(row.status()).append(" |\n");
        }
        return table.toString();
    }

    static void awaitUp(Process registry, int port, String probe) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
            while (System.nanoTime() < deadline) {
                if (!registry.isAlive()) {
                    throw new IllegalStateException("the registry exited with " + registry.exitValue()
                            + "; see target/bench/registry.log");
                }
                try {
                    if (connection.get(probe).status() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    connection.close();
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the registry did not come up within " + START_LIMIT);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> machine(PGSimpleDataSource database) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", LocalDate.now().toString());
        facts.put("processors (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        facts.put("CPU", procLine("/proc/cpuinfo", "model name"));
        facts.put("memory", procLine("/proc/meminfo", "MemTotal"));
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            facts.put("PostgreSQL", version.getString(1) + " (embedded, fsync and synchronous_commit on)");
        }
        return facts;
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String document(Map<String, String> facts, String table) throws IOException {
        StringBuilder machine = new StringBuilder("| fact | value |\n|---|---|\n");
        facts.forEach((k, v) -> machine.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        String template = new String(BenchmarkMain.class.getResourceAsStream("benchmarks-template.md")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return template.replace("{{machine}}", machine.toString()).replace("{{table}}", table);
    }
}
