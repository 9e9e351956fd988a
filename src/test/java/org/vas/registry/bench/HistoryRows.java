package org.vas.registry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vas.registry.bench.Benchmark.Row;
import org.vas.registry.bench.Benchmark.Status;

/**
 * The rows about the log's past: time travel ({@code as_of} an old position) against the same read now, and the
 * change feed read whole against a raw scan of the log.
 */
final class HistoryRows {

    static final String FEED = "/api/v1/registry/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_AFTER = Pattern.compile("\"next_after\":(\\d+)");
    private static final int FEED_PAGE = 1000;
    private static final int FEED_ROUNDS = 3;

    private final Benchmark.Settings settings;
    private final Benchmark.Target target;
    private final Load load;
    private final Callable<Long> rawScan;

    HistoryRows(Benchmark.Settings settings, Benchmark.Target target, Load load, Callable<Long> rawScan) {
        this.settings = settings;
        this.target = target;
        this.load = load;
        this.rawScan = rawScan;
    }

    /**
     * {@code as_of} a random position in the older half of the log for every request (from a quarter to half of
     * it), so no answer can be served twice and each request pays what one past read costs: the registry looked
     * different then, and at least half the log is after it. One model is one of those that existed at the
     * quarter. Latency with one client, alternating with the current read, as a time-travel request is an
     * auditor's, not a crowd's.
     */
    List<Row> timeTravel(String scale) throws Exception {
        long head = head();
        long from = head / 4;
        long to = head / 2;
        List<String> then = new ArrayList<>();
        try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
            HttpConnection.Response page = connection.get(Benchmark.MODELS + "?include_retired=true&limit=1000"
                    + "&as_of=" + from);
            if (page.status() != 200) {
                throw new IllegalStateException("list as_of answered " + page.status() + ": " + page.body());
            }
            JSON.readTree(page.bytes()).get("models").forEach(m -> then.add(m.get("model_id").asText()));
        }
        String events = String.format("%,d events, as_of a random position from %,d to %,d", head, from, to);
        Load.Result[] one = load.alternate(1, settings.warmup(), settings.measure(), settings.slices(),
                (c, w, i) -> c.get(Benchmark.MODELS + "/" + pick(then)).status() == 200,
                (c, w, i) -> c.get(Benchmark.MODELS + "/" + pick(then) + "?as_of=" + between(from, to))
                        .status() == 200);
        Load.Result[] list = load.alternate(1, settings.warmup(), settings.measure(), settings.slices(),
                (c, w, i) -> c.get(Benchmark.MODELS + "?limit=50").status() == 200,
                (c, w, i) -> c.get(Benchmark.MODELS + "?limit=50&as_of=" + between(from, to)).status() == 200);
        return List.of(latencyRow("one model as_of an old position vs its current GET /{id}", scale, events, one,
                2.0), latencyRow("list ?limit=50 as_of an old position vs the current list", scale, events, list, 3.0));
    }

    private static Row latencyRow(String measure, String scale, String events, Load.Result[] pair, double target) {
        Load.Result now = pair[0];
        Load.Result past = pair[1];
        double ratio = past.p50() / now.p50();
        boolean ok = now.errors() + past.errors() == 0;
        return new Row(measure, scale, String.format("%s: p50 %.2f ms vs %.2f ms = %.2fx (p99 %.2f vs %.2f ms)",
                events, past.p50(), now.p50(), ratio, past.p99(), now.p99())
                + (ok ? "" : String.format(", %,d UNEXPECTED ANSWERS", now.errors() + past.errors())),
                "<= " + target + "x its latency", ok && ratio <= target ? Status.PASS : Status.FAIL, ratio);
    }

    /**
     * The whole log through the change feed in pages of 1,000 on one connection, against a raw JDBC scan. Both
     * warm up first, as every row's sides do: the feed is the one endpoint no row before it has asked for, and
     * unwarmed, its three rounds at 10 models took from 109 to 258 ms in runs of the same code.
     */
    Row feed(String scale) throws Exception {
        double scanMillis = Double.MAX_VALUE;
        double feedMillis = Double.MAX_VALUE;
        long scanned = 0;
        long fed = 0;
        try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
            long warmUntil = System.nanoTime() + settings.warmup().toNanos();
            do {
                rawScan.call();
                readFeed(connection);
            } while (System.nanoTime() < warmUntil);
            for (int round = 0; round < FEED_ROUNDS; round++) {
                long start = System.nanoTime();
                scanned = rawScan.call();
                scanMillis = Math.min(scanMillis, (System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                fed = readFeed(connection);
                feedMillis = Math.min(feedMillis, (System.nanoTime() - start) / 1e6);
            }
        }
        double ratio = scanMillis / feedMillis;
        boolean ok = fed == scanned;
        return new Row("change feed: the whole log in pages of 1,000", scale, String.format(
                "feed %.0f ms vs raw scan of %,d events %.0f ms = %.2fx (best of %d each)", feedMillis, scanned,
                scanMillis, ratio, FEED_ROUNDS) + (ok ? "" : String.format(", FEED GAVE %,d EVENTS", fed)),
                ">= 0.3x", ok && ratio >= 0.3 ? Status.PASS : Status.FAIL, ratio);
    }

    private static long readFeed(HttpConnection connection) throws IOException {
        long after = 0;
        long read = 0;
        while (true) {
            HttpConnection.Response page = connection.get(FEED + "?after=" + after + "&limit=" + FEED_PAGE);
            if (page.status() != 200) {
                throw new IllegalStateException("the feed answered " + page.status() + ": " + page.body());
            }
            // The load generator shares the two cores: it finds the cursor and counts events without parsing.
            String body = new String(page.bytes(), StandardCharsets.UTF_8);
            Matcher next = NEXT_AFTER.matcher(body);
            if (!next.find()) {
                throw new IllegalStateException("a feed page without next_after");
            }
            long count = occurrences(body, "\"position\":");
            read += count;
            long nextAfter = Long.parseLong(next.group(1));
            if (count < FEED_PAGE || nextAfter == after) {
                return read;
            }
            after = nextAfter;
        }
    }

    private static long occurrences(String text, String needle) {
        long count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    private long head() throws SQLException {
        return max("SELECT max(global_index) FROM domain_event_entry");
    }

    private long max(String sql) throws SQLException {
        try (Connection db = target.database().getConnection(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long between(long from, long to) {
        return ThreadLocalRandom.current().nextLong(from, to + 1);
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
