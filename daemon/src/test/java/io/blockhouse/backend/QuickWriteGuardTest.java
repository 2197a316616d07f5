package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pause after a slow quick write, on a clock the test moves by hand. */
class QuickWriteGuardTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private long clock = 1_000 * S;
    private final QuickWriteGuard guard = new QuickWriteGuard(() -> clock);

    /** Runs one quick write that takes {@code nanos}; returns the pause it started. */
    private long write(long nanos) {
        long start = guard.now();
        assertTrue(guard.allows(start), "a write was refused at " + start);
        clock += nanos;
        return guard.finished(start);
    }

    @Test
    void fastWritesNeverPause() {
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, write(QuickWriteGuard.SLOW_NANOS - 1));
        }
        assertTrue(guard.allows(guard.now()));
    }

    @Test
    void aSlowWriteRefusesQuickWritesForOneSecond() {
        assertEquals(S, write(5 * MS));
        assertFalse(guard.allows(clock));
        clock += S - 1;
        assertFalse(guard.allows(clock));
        clock += 1;
        assertTrue(guard.allows(clock));
    }

    @Test
    void slowWritesRightAfterEachPauseDoubleItUpToAMinuteAndAQuietSpellResetsIt() {
        long expected = S;
        for (int i = 0; i < 10; i++) {
            long pause = write(3 * MS);
            assertEquals(expected, pause, "pause " + i);
            clock += pause; // the first write after the pause is slow again
            expected = Math.min(expected * 2, QuickWriteGuard.MAX_PAUSE_NANOS);
        }
        assertEquals(QuickWriteGuard.MAX_PAUSE_NANOS, write(3 * MS));
        clock += QuickWriteGuard.MAX_PAUSE_NANOS;
        clock += QuickWriteGuard.MAX_PAUSE_NANOS; // a whole pause without a slow write
        assertEquals(0, write(MS));
        assertEquals(S, write(3 * MS), "back to one second");
    }

    @Test
    void slowWritesOfTheSameEpisodeOnOtherThreadsDoNotLengthenThePause() {
        long startA = guard.now();
        long startB = guard.now();
        clock += 10 * MS;
        assertEquals(S, guard.finished(startA));
        clock += MS;
        assertEquals(0, guard.finished(startB), "ended inside the pause A started");
        assertFalse(guard.allows(clock));
        clock += S;
        assertTrue(guard.allows(clock));
        assertEquals(2 * S, write(3 * MS), "slow again right after the pause: twice as long");
    }

    @Test
    void theClockMayStartAtAnyValue() {
        clock = Long.MAX_VALUE - S / 2; // System.nanoTime may be anywhere, and wraps
        QuickWriteGuard g = new QuickWriteGuard(() -> clock);
        long start = g.now();
        assertTrue(g.allows(start));
        clock += 4 * MS;
        assertEquals(S, g.finished(start));
        assertFalse(g.allows(clock));
        clock += S;
        assertTrue(g.allows(clock));
    }
}
