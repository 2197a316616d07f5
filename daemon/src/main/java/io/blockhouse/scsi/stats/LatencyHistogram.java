package io.blockhouse.scsi.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed bucket bounds from 50 µs to 10 s (plus +Inf), one {@link LongAdder} per bucket so
 * that threads completing commands at the same time never contend on one counter and nothing is allocated per
 * observation. A {@link #snapshot()} turns the per-bucket counts into the cumulative counts Prometheus expects.
 */
public final class LatencyHistogram {

    /** Upper bounds of the finite buckets, in nanoseconds (inclusive, as Prometheus "le" means). */
    private static final long[] BOUNDS_NANOS = {
        50_000L, 100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L,
    };

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Upper bounds of the finite buckets in seconds, ascending; the last bucket (+Inf) is implied. */
    public static double[] boundsSeconds() {
        double[] s = new double[BOUNDS_NANOS.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = BOUNDS_NANOS[i] / 1e9;
        }
        return s;
    }

    /** Records one observation; a negative duration (clock oddity) counts as zero. */
    public void observe(long nanos) {
        long n = Math.max(0, nanos);
        buckets[bucketOf(n)].increment();
        sumNanos.add(n);
    }

    private static int bucketOf(long nanos) {
        int i = 0;
        // 17 bounds: a short linear scan beats a binary search's branches for the common (fast) case.
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        return i;
    }

    /** Cumulative counts per bucket (the last one is the total count) and the sum of all observations. */
    public Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumNanos.sum());
    }

    /**
     * A histogram read at one time.
     *
     * @param cumulative observations at or below each bound of {@link #boundsSeconds()}, then the total (+Inf)
     * @param sumNanos   sum of all observations in nanoseconds
     */
    public record Snapshot(long[] cumulative, long sumNanos) {
        public long count() {
            return cumulative[cumulative.length - 1];
        }

        public double sumSeconds() {
            return sumNanos / 1e9;
        }
    }
}
