package org.vas.registry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples a process's resident set size from {@code /proc/<pid>/status} and keeps the peak. */
final class RssSampler {

    private final long pid;
    private volatile long peakKb;
    private ScheduledExecutorService timer;

    RssSampler(long pid) {
        this.pid = pid;
    }

    /** The current VmRSS in kB, or -1 where there is no such process or no /proc. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String describe(long kb) {
        return kb < 0 ? "not available" : String.format("%,d MB", kb / 1024);
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> peakKb = Math.max(peakKb, rssKb(pid)), 0, 250, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    String peakDescription() {
        return describe(peakKb == 0 ? -1 : peakKb);
    }
}
