package io.blockhouse.it.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Samples a process's threads, file descriptors and RSS from /proc and its Java heap after a full GC through
 * {@code jcmd} (one attach per sample running GC.run then GC.heap_info; the daemon exports no JVM figures of its
 * own). The first attach adds the JVM's "Attach Listener" thread for good, so the baseline sample is taken with it.
 */
final class ResourceSampler {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final long pid;
    private final Path commandFile;
    private final List<Sample> samples = new ArrayList<>();

    ResourceSampler(long pid, Path workDir) throws IOException {
        this.pid = pid;
        this.commandFile = Files.writeString(workDir.resolve("jcmd-commands.txt"), "GC.run\nGC.heap_info\n");
    }

    /** Takes one sample; the workload figures come from {@code counters}. */
    synchronized Sample sample(double seconds, String phase, SoakCounters counters)
            throws IOException, InterruptedException {
        long heap = heapAfterGcKiB();
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        int fds = fds();
        Sample s = new Sample(seconds, phase, counters.liveSessions.get(), counters.logins.get(),
                counters.commands.get(), (int) statusField(status, "Threads"), fds, statusField(status, "VmRSS"),
                heap);
        samples.add(s);
        return s;
    }

    /** The process's open file descriptors now (cheap: no jcmd). */
    int fds() throws IOException {
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) list.count();
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Writes every sample as CSV to {@code file}. */
    synchronized void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add(Sample.CSV_HEADER);
        samples.forEach(s -> lines.add(s.csv()));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** One retry: on a heavily loaded machine an attach can time out once. */
    private long heapAfterGcKiB() throws IOException, InterruptedException {
        try {
            return runJcmd();
        } catch (IOException first) {
            try {
                return runJcmd();
            } catch (IOException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private long runJcmd() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "-f", commandFile.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        Matcher m = HEAP_USED.matcher(text);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IOException("jcmd " + pid + " GC.heap_info gave no heap figure (exit " + p.exitValue() + "):\n"
                    + text);
        }
        return Long.parseLong(m.group(1));
    }

    /** The number in a "/proc/PID/status" line such as "Threads:\t23" or "VmRSS:\t  123456 kB". */
    static long statusField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no " + field + " in /proc status");
    }
}
