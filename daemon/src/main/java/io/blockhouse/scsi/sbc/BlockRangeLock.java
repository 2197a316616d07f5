package io.blockhouse.scsi.sbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutual exclusion over ranges of logical blocks of one logical unit: commands whose ranges overlap run one after
 * the other, commands on disjoint ranges never wait for each other. COMPARE AND WRITE, ORWRITE and WRITE ATOMIC
 * hold it across their read-modify-write, and every other command that changes blocks takes it too, so nothing can
 * slip in between the read and the write.
 *
 * <p>Each unit has its own instance; the monitor only guards the short list of held ranges, never any I/O.
 * Waiters are woken when any range is released and re-check; ranges are few (at most one per running command).
 */
public final class BlockRangeLock {
    private final List<Held> held = new ArrayList<>();

    /** A held range; closing it releases it (use with try-with-resources). */
    public final class Held implements AutoCloseable {
        private final long first;
        private final long end;
        private boolean released;

        private Held(long first, long end) {
            this.first = first;
            this.end = end;
        }

        boolean overlaps(long otherFirst, long otherEnd) {
            return first < otherEnd && otherFirst < end;
        }

        @Override
        public void close() {
            synchronized (BlockRangeLock.this) {
                if (!released) {
                    released = true;
                    held.remove(this);
                    BlockRangeLock.this.notifyAll();
                }
            }
        }
    }

    /**
     * Waits until no held range overlaps {@code [lba, lba+blocks)} and takes it. A zero-length range still
     * excludes its first block, so that every holder is visible to the others.
     */
    public Held lock(long lba, long blocks) {
        long end = end(lba, blocks);
        boolean interrupted = false;
        synchronized (this) {
            while (overlapsHeld(lba, end)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // An abort interrupts nothing here, but keep the flag for whoever looks after us.
                    interrupted = true;
                }
            }
            Held h = new Held(lba, end);
            held.add(h);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return h;
        }
    }

    /** Takes {@code [lba, lba+blocks)} if no held range overlaps it, else returns null at once. */
    public Held tryLock(long lba, long blocks) {
        long end = end(lba, blocks);
        synchronized (this) {
            if (overlapsHeld(lba, end)) {
                return null;
            }
            Held h = new Held(lba, end);
            held.add(h);
            return h;
        }
    }

    private static long end(long lba, long blocks) {
        long end = lba + Math.max(1, blocks);
        return end < lba ? Long.MAX_VALUE : end;
    }

    private boolean overlapsHeld(long first, long end) {
        for (Held h : held) {
            if (h.overlaps(first, end)) {
                return true;
            }
        }
        return false;
    }

    /** Ranges held right now (for tests and diagnostics). */
    public synchronized int heldCount() {
        return held.size();
    }
}
