package io.blockhouse.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Watches the writes a back-end does on the network thread. A copy into the page cache takes microseconds; one that
 * takes milliseconds waited in the kernel (dirty-page throttling because the device cannot keep up, memory
 * reclaim, a lock held across I/O), and the next ones probably will too, stalling every connection of that thread.
 * So after a slow one, quick writes are refused for a while and go through the I/O threads; the pause doubles when
 * slow writes keep coming back right after it (up to a minute) and starts again at a second once they stop.
 */
final class QuickWriteGuard {

    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long FIRST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LongSupplier nanoClock;
    private volatile long refusedUntil;
    private boolean paused;
    private long pause = FIRST_PAUSE_NANOS;

    QuickWriteGuard(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.refusedUntil = nanoClock.getAsLong();
    }

    /** The clock's time now: a quick write is timed from it. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** Whether a quick write may start at {@code now}. */
    boolean allows(long now) {
        return now - refusedUntil >= 0;
    }

    /**
     * Records a quick write that started at {@code startNanos} and has just ended. Returns the pause in nanoseconds
     * when this write was slow and started a pause (quick writes are refused that long from now), else 0.
     */
    long finished(long startNanos) {
        long end = nanoClock.getAsLong();
        if (end - startNanos < SLOW_NANOS) {
            return 0;
        }
        synchronized (this) {
            if (paused && end - refusedUntil < 0) {
                return 0; // started before the pause that another thread's slow write began: the same episode
            }
            // Slow again within one pause of the last pause ending: the cause is still there, wait longer.
            boolean recurring = paused && end - refusedUntil < pause;
            pause = recurring ? Math.min(pause * 2, MAX_PAUSE_NANOS) : FIRST_PAUSE_NANOS;
            refusedUntil = end + pause;
            paused = true;
            return pause;
        }
    }
}
