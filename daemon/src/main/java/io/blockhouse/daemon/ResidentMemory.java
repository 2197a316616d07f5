package io.blockhouse.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process as the kernel accounts it ({@code /proc/PID/status}): {@code VmRSS}, what it holds
 * now, and {@code VmHWM}, the most it ever held. Both count every page of the process (Java heap, direct buffers,
 * thread stacks, code, malloc arenas, anonymous mappings such as RAM disks), not only what the JVM tracks.
 */
public record ResidentMemory(long rssBytes, long peakBytes) {

    public static final long MIB = 1L << 20;

    /** Reads both figures of this process. */
    public static ResidentMemory self() throws IOException {
        return of(ProcessHandle.current().pid());
    }

    /** Reads both figures of process {@code pid}. */
    public static ResidentMemory of(long pid) throws IOException {
        long rss = -1;
        long peak = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kibibytes(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kibibytes(line);
            }
        }
        if (rss < 0 || peak < 0) {
            throw new IOException("/proc/" + pid + "/status has no VmRSS/VmHWM (kernel thread or gone?)");
        }
        return new ResidentMemory(rss * 1024, peak * 1024);
    }

    /** "VmRSS:     117676 kB" to 117676. */
    private static long kibibytes(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 3 || !fields[2].equals("kB")) {
            throw new IllegalArgumentException("unexpected /proc status line: " + line);
        }
        return Long.parseLong(fields[1]);
    }

    @Override
    public String toString() {
        return String.format("VmRSS %.1f MiB, VmHWM %.1f MiB", rssBytes / (double) MIB, peakBytes / (double) MIB);
    }
}
