package io.blockhouse.it.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, Done-when 3: {@value #DEFAULT_SESSIONS} concurrent sessions over {@value SoakLayout#INITIATORS}
 * initiator names and RAM and file LUNs do verified I/O for a bounded time, with logins, logouts, dropped
 * connections, NOP-In timeouts and ABORT TASK / ABORT TASK SET / LOGICAL UNIT RESET interleaved, against the
 * packaged daemon (Netty leak detection paranoid). Asserts: no worker error, no data mismatch, no Netty leak report,
 * no ERROR in the daemon log, and flat threads, file descriptors and heap-after-GC ({@link ResourceBounds}).
 *
 * <p>System properties: {@value #SECONDS_PROPERTY} (run length, default {@value #DEFAULT_SECONDS} s, the CI run;
 * the run is 600), {@value #SESSIONS_PROPERTY}, {@value #SAMPLE_PROPERTY} (sampling period, default
 * {@value #DEFAULT_SAMPLE_SECONDS} s), {@code blockhouse.soak.seed}. Samples go to {@code target/soak/samples.csv},
 * the figures to {@code target/soak/summary.txt}.
 */
class SoakIT {

    private static final Logger log = LoggerFactory.getLogger(SoakIT.class);

    static final String SECONDS_PROPERTY = "blockhouse.soak.seconds";
    static final String SESSIONS_PROPERTY = "blockhouse.soak.sessions";
    static final String SAMPLE_PROPERTY = "blockhouse.soak.sampleSeconds";
    static final int DEFAULT_SECONDS = 50;
    static final int DEFAULT_SESSIONS = 64;
    static final int DEFAULT_SAMPLE_SECONDS = 5;
    /** Short NOP-In settings so a silent session is ended within seconds (the defaults are 30 s and 15 s). */
    private static final int NOP_INTERVAL_SECONDS = 2;
    private static final int NOP_TIMEOUT_SECONDS = 3;
    private static final Path OUTPUT = Path.of("target", "soak");
    private static final String NOP_TIMEOUT_LOG = "no NOP-Out answer to our NOP-In";

    @Test
    void sessionsStayCorrectAndResourcesFlat(@TempDir Path dir) throws Exception {
        int seconds = Integer.getInteger(SECONDS_PROPERTY, DEFAULT_SECONDS);
        int sessions = Integer.getInteger(SESSIONS_PROPERTY, DEFAULT_SESSIONS);
        int sampleEvery = Integer.getInteger(SAMPLE_PROPERTY, DEFAULT_SAMPLE_SECONDS);
        int warmup = Math.max(10, Math.min(60, seconds / 4));
        long seed = Long.getLong("blockhouse.soak.seed", System.nanoTime());
        log.info("soak: {} sessions for {} s (warm-up {} s, samples every {} s), seed {}", sessions, seconds, warmup,
                sampleEvery, seed);

        SoakCounters counters = new SoakCounters();
        DaemonProcess daemon = DaemonProcess.start(
                SoakLayout.config(sessions, NOP_INTERVAL_SECONDS, NOP_TIMEOUT_SECONDS), dir);
        ResourceSampler sampler;
        List<String> bounds;
        String daemonLog;
        ExecutorService pool = Executors.newFixedThreadPool(sessions, named("soak-session-"));
        try {
            sampler = new ResourceSampler(daemon.pid(), dir);
            sampler.sample(0, "start", counters);
            long started = System.nanoTime();
            Duration silence = Duration.ofSeconds(2L * NOP_INTERVAL_SECONDS + NOP_TIMEOUT_SECONDS + 10);
            SessionWorker.Plan plan = new SessionWorker.Plan(daemon.host(), daemon.port(),
                    started + TimeUnit.SECONDS.toNanos(seconds), seed, silence);
            List<Future<?>> workers = new ArrayList<>();
            for (Slot slot : SoakLayout.slots(sessions)) {
                workers.add(pool.submit(new SessionWorker(slot, plan, counters)));
            }
            sampleUntilDone(sampler, counters, daemon, workers, started, warmup, sampleEvery);
            awaitWorkers(workers, started, seconds, silence);
            awaitQuiet(sampler, counters, started);
            sampler.write(OUTPUT.resolve("samples.csv"));
            bounds = ResourceBounds.defaults().violations(sampler.samples());
        } finally {
            pool.shutdownNow();
            DaemonChecks.stopAndCheck(daemon, "SoakIT");
        }
        daemonLog = daemon.logText();
        long nopTimeoutsLogged = daemonLog.lines().filter(l -> l.contains(NOP_TIMEOUT_LOG)).count();
        List<String> errors = daemonLog.lines().filter(l -> l.contains(" ERROR ")).limit(10).toList();
        writeSummary(sessions, seconds, seed, counters, sampler.samples(), nopTimeoutsLogged, bounds);

        assertEquals(List.of(), counters.failureNotes(), counters.failures.get() + " worker failures");
        assertEquals(0, counters.mismatches.get(), () -> "data mismatches: " + counters.mismatchNotes());
        assertEquals(List.of(), errors, "ERROR lines in the daemon log");
        assertEquals(List.of(), bounds, "resources not flat; samples in " + OUTPUT.resolve("samples.csv"));
        // The interleavings must really have happened, or the run proved less than it claims.
        assertTrue(counters.logouts.get() > 0 && counters.drops.get() > 0, "no logouts or drops");
        assertTrue(counters.nopTimeouts.get() > 0, "no NOP-In timeout happened");
        assertTrue(nopTimeoutsLogged >= counters.nopTimeouts.get(),
                "the daemon logged " + nopTimeoutsLogged + " NOP-In timeouts, the workload caused "
                        + counters.nopTimeouts.get());
        assertTrue(counters.abortTask.get() > 0 && counters.abortTaskSet.get() > 0
                && counters.logicalUnitReset.get() > 0, "not every task management function was exercised");
        assertTrue(counters.blocksVerified.get() > 0, "nothing was verified");
    }

    private static void sampleUntilDone(ResourceSampler sampler, SoakCounters counters, DaemonProcess daemon,
                                        List<Future<?>> workers, long started, int warmup, int every)
            throws Exception {
        long next = started;
        while (workers.stream().anyMatch(w -> !w.isDone())) {
            next += TimeUnit.SECONDS.toNanos(every);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            daemon.assertAlive();
            double at = elapsed(started);
            Sample s = sampler.sample(at, at <= warmup ? "warmup" : "run", counters);
            log.info("soak sample {}", s);
        }
    }

    /** Workers end at the deadline; one waiting on an answer may need up to its read timeout more. */
    private static void awaitWorkers(List<Future<?>> workers, long started, int seconds, Duration silence)
            throws Exception {
        long limit = started + TimeUnit.SECONDS.toNanos(seconds + 90) + silence.toNanos();
        for (Future<?> w : workers) {
            w.get(Math.max(1, limit - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The end sample, once the daemon has had time to notice the last closed connections: sampled until the
     * descriptors stop falling (at most ~10 s). Not a timing assertion: the bound is checked on the last sample.
     */
    private static void awaitQuiet(ResourceSampler sampler, SoakCounters counters, long started) throws Exception {
        int previous = Integer.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2000);
            int fds = sampler.fds();
            if (fds >= previous) {
                break;
            }
            previous = fds;
        }
        log.info("soak end sample {}", sampler.sample(elapsed(started), "end", counters));
    }

    private static double elapsed(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void writeSummary(int sessions, int seconds, long seed, SoakCounters counters,
                                     List<Sample> samples, long nopTimeoutsLogged, List<String> bounds)
            throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("sessions=").append(sessions).append(" seconds=").append(seconds).append(" seed=").append(seed)
                .append('\n');
        for (Map.Entry<String, Long> e : counters.figures().entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        b.append("nopTimeoutsLoggedByDaemon=").append(nopTimeoutsLogged).append('\n');
        b.append("boundViolations=").append(bounds).append('\n');
        b.append("mismatchNotes=").append(counters.mismatchNotes()).append('\n');
        b.append("failureNotes=").append(counters.failureNotes()).append('\n');
        b.append(Sample.CSV_HEADER).append('\n');
        samples.forEach(s -> b.append(s.csv()).append('\n'));
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("summary.txt"), b.toString(), StandardCharsets.UTF_8);
        log.info("soak summary:\n{}", b);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
