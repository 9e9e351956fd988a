package org.vas.registry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident set size from {@code /proc/<pid>/status}: now ({@code VmRSS}) and its peak since the process
 * started ({@code VmHWM}, kept by the kernel, so no sampling can miss a short peak).
 */
final class Rss {

    private Rss() {
    }

    /** The current resident set size in kB, or -1 where there is no such process or no /proc. */
    static long currentKb(long pid) {
        return field(pid, "VmRSS:");
    }

    /** The largest resident set size the process has had, in kB, or -1. */
    static long peakKb(long pid) {
        return field(pid, "VmHWM:");
    }

    static String describe(long kb) {
        return kb < 0 ? "not available" : String.format("%,d MB", kb / 1024);
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
