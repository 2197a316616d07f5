package io.blockhouse.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The flatness rules the soak asserts on its {@link Sample}s, as resource bounds rather than timings. After warm-up
 * (every slot logged in, first relogins and aborts done) nothing may climb above the warm-up maximum by more than a
 * slack that covers sessions in flight; once every session is closed, file descriptors are back near the level before
 * the first login; the heap after a full GC at the end is within a bound of its warm-up level.
 *
 * <p>A real leak grows with the churn: one descriptor or thread per login, or a session's objects kept after it
 * ends. So the rules also demand enough logins after warm-up that a leak of one descriptor or thread per login would
 * exceed the slack; a run too short to tell is a violation too, not a pass.
 *
 * @param threadSlack  threads allowed above the warm-up maximum
 * @param fdSlack      descriptors allowed above the warm-up maximum (sessions between logout and login)
 * @param endFdSlack   descriptors allowed at the end above the level before the first login
 * @param heapSlackKiB heap (KiB) allowed at the end above the warm-up maximum, at least
 * @param heapFraction and at least this fraction of the warm-up maximum
 */
record ResourceBounds(int threadSlack, int fdSlack, int endFdSlack, long heapSlackKiB, double heapFraction) {

    static ResourceBounds defaults() {
        return new ResourceBounds(8, 16, 8, 16 * 1024, 0.25);
    }

    /** Every rule the samples break (empty when the run was flat). */
    List<String> violations(List<Sample> samples) {
        List<String> problems = new ArrayList<>();
        List<Sample> start = phase(samples, "start");
        List<Sample> warmup = phase(samples, "warmup");
        List<Sample> after = new ArrayList<>(phase(samples, "run"));
        List<Sample> end = phase(samples, "end");
        if (start.isEmpty() || warmup.isEmpty() || after.isEmpty() || end.size() != 1) {
            problems.add("need start, warmup and run samples and one end sample; got " + samples.size() + " samples");
            return problems;
        }
        after.addAll(end);
        Sample last = end.get(0);
        long warmupThreads = max(warmup, Sample::threads);
        long warmupFds = max(warmup, Sample::fds);
        long warmupHeap = max(warmup, Sample::heapUsedKiB);
        for (Sample s : after) {
            if (s.threads() > warmupThreads + threadSlack) {
                problems.add(String.format("threads grew: %d at %.0f s (%s), warm-up maximum %d + slack %d",
                        s.threads(), s.seconds(), s.phase(), warmupThreads, threadSlack));
            }
            if (s.fds() > warmupFds + fdSlack) {
                problems.add(String.format("file descriptors grew: %d at %.0f s (%s), warm-up maximum %d + slack %d",
                        s.fds(), s.seconds(), s.phase(), warmupFds, fdSlack));
            }
        }
        long startFds = start.get(0).fds();
        if (last.fds() > startFds + endFdSlack) {
            problems.add(String.format("file descriptors not released: %d with every session closed, %d before the "
                    + "first login + slack %d", last.fds(), startFds, endFdSlack));
        }
        long heapBound = warmupHeap + Math.max(heapSlackKiB, (long) (warmupHeap * heapFraction));
        if (last.heapUsedKiB() > heapBound) {
            problems.add(String.format("heap after GC grew: %d KiB at the end, warm-up maximum %d KiB (bound %d KiB)",
                    last.heapUsedKiB(), warmupHeap, heapBound));
        }
        long churn = last.logins() - warmup.get(warmup.size() - 1).logins();
        long needed = 2L * Math.max(threadSlack, Math.max(fdSlack, endFdSlack));
        if (churn < needed) {
            problems.add("only " + churn + " logins after warm-up: fewer than " + needed + ", so a leak of one thread "
                    + "or descriptor per login could hide within the slack");
        }
        return problems;
    }

    private static List<Sample> phase(List<Sample> samples, String phase) {
        return samples.stream().filter(s -> s.phase().equals(phase)).toList();
    }

    private static long max(List<Sample> samples, ToLongFunction<Sample> figure) {
        return samples.stream().mapToLong(figure).max().orElse(0);
    }
}
