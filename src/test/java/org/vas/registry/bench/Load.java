package org.vas.registry.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: a fixed number of workers, each on its own kept-alive connection, sending one request after
 * another for a bounded time and count. Latencies go into an HdrHistogram; a response with an unexpected status
 * is counted as an error, never as a success.
 */
final class Load {

    /** What one worker does for one request; it answers whether the response was the expected one. */
    @FunctionalInterface
    interface Step {
        boolean run(HttpConnection connection, int worker, long iteration) throws IOException;
    }

    /** Throughput in requests per second, latency percentiles in milliseconds. */
    record Result(double throughput, double p50, double p99, long requests, long errors) {

        String describe() {
            return String.format("%,.0f req/s, p50 %.2f ms, p99 %.2f ms", throughput, p50, p99);
        }
    }

    /** No loop runs longer than this, whatever it was asked. */
    private static final long MAX_REQUESTS_PER_WORKER = 10_000_000;

    private final String host;
    private final int port;

    Load(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Result run(int workers, Duration warmup, Duration measure, Step step) {
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        return result(latencies, measure(workers, warmup, measure, step, latencies));
    }

    /**
     * Two loads in alternating slices of equal length, after a warm-up of each. Whatever else the machine does
     * during the run then falls on both alike, which a ratio of two back-to-back runs cannot promise.
     */
    Result[] alternate(int workers, Duration warmup, Duration measure, int slices, Step first, Step second) {
        measure(workers, Duration.ZERO, warmup, first, new Histogram(3));
        measure(workers, Duration.ZERO, warmup, second, new Histogram(3));
        Histogram[] latencies = {new Histogram(TimeUnit.SECONDS.toNanos(60), 3),
                new Histogram(TimeUnit.SECONDS.toNanos(60), 3)};
        long[][] counts = {new long[3], new long[3]};
        Step[] steps = {first, second};
        Duration slice = measure.dividedBy(slices);
        for (int s = 0; s < slices; s++) {
            for (int which = 0; which < 2; which++) {
                long[] sliceCounts = measure(workers, Duration.ZERO, slice, steps[which], latencies[which]);
                counts[which][0] += sliceCounts[0];
                counts[which][1] += sliceCounts[1];
                counts[which][2] += sliceCounts[2];
            }
        }
        return new Result[] {result(latencies[0], counts[0]), result(latencies[1], counts[1])};
    }

    /** {@code counts} holds requests, errors and the nanoseconds they took to send and answer. */
    private static Result result(Histogram latencies, long[] counts) {
        return new Result(counts[0] / (counts[2] / 1e9), latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6, counts[0], counts[1]);
    }

    /**
     * Requests sent in the measured window, their errors, and the nanoseconds from the window's start until the
     * window's end or the last of them was answered, whichever is later; their latencies go to {@code latencies}.
     */
    private long[] measure(int workers, Duration warmup, Duration measure, Step step, Histogram latencies) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<long[]>> ends = new ArrayList<>();
            List<Histogram> histograms = new ArrayList<>();
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long until = measureFrom + measure.toNanos();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                histograms.add(histogram);
                ends.add(pool.submit(() -> work(worker, step, histogram, measureFrom, until)));
            }
            long requests = 0;
            long errors = 0;
            long lastAnswer = until;
            for (Future<long[]> end : ends) {
                long[] counts = end.get(warmup.plus(measure).toSeconds() + 120, TimeUnit.SECONDS);
                requests += counts[0];
                errors += counts[1];
                lastAnswer = Math.max(lastAnswer, counts[2]);
            }
            histograms.forEach(latencies::add);
            return new long[] {requests, errors, lastAnswer - measureFrom};
        } catch (Exception e) {
            throw new IllegalStateException("a load worker failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] work(int worker, Step step, Histogram histogram, long measureFrom, long until) throws IOException {
        long requests = 0;
        long errors = 0;
        long lastAnswer = 0;
        try (HttpConnection connection = new HttpConnection(host, port)) {
            for (long i = 0; i < MAX_REQUESTS_PER_WORKER; i++) {
                long sent = System.nanoTime();
                if (sent >= until) {
                    break;
                }
                boolean ok = step.run(connection, worker, i);
                long done = System.nanoTime();
                // Every request sent in the window counts, and the window lasts until the last is answered: the
                // rate stays honest, and a window shorter than one request (a loaded machine) still measures one.
                if (sent >= measureFrom) {
                    requests++;
                    lastAnswer = done;
                    histogram.recordValue(Math.min(done - sent, histogram.getHighestTrackableValue()));
                    if (!ok) {
                        errors++;
                    }
                }
            }
        }
        return new long[] {requests, errors, lastAnswer};
    }
}
