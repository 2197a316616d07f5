package io.blockhouse.iscsi.admission;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server-wide budget of write data held in memory between the network and the back-end. A write command
 * {@linkplain #tryClaim claims} the bytes it will hold before its data may arrive (immediate data has arrived
 * already: it is claimed or refused at once), or {@linkplain #claimWhenAvailable waits} for them before its first
 * R2T. A claim covers the whole command, so a command that holds a claim can always finish collecting its data:
 * partial writes never wait on each other, and there is no deadlock.
 *
 * <p>Waiters are served first come, first served, and an immediate claim does not overtake them. A single claim
 * larger than the capacity is granted when nothing else is held, so no command waits forever.
 *
 * <p>Lock-free: one {@link AtomicLong} for the bytes held and a concurrent queue of waiters. Every release and every
 * new waiter drains the queue, so a grant cannot be lost between a failed attempt and a release.
 */
public final class WriteBudget {
    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int RELEASED = 2;

    private final long capacity;
    private final AtomicLong held = new AtomicLong();
    private final ConcurrentLinkedQueue<Claim> waiters = new ConcurrentLinkedQueue<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder delayed = new LongAdder();
    private final AtomicLong peak = new AtomicLong();

    public WriteBudget(long capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacity " + capacityBytes);
        }
        this.capacity = capacityBytes;
    }

    /** A claim of {@code bytes} granted now, or null when the budget cannot hold them now (counted as refused). */
    public Claim tryClaim(long bytes) {
        if (waiters.isEmpty() && reserve(bytes)) {
            Claim c = new Claim(bytes, null, null);
            c.state.set(GRANTED);
            return c;
        }
        refused.increment();
        return null;
    }

    /**
     * A claim of {@code bytes} that is granted as soon as the budget has room; then {@code granted} runs on
     * {@code executor} (at once if there is room now). If the executor refuses, the claim is released again. Call
     * {@link Claim#release()} when the data is gone, or to give up waiting.
     */
    public Claim claimWhenAvailable(long bytes, Executor executor, Runnable granted) {
        Claim c = new Claim(bytes, executor, granted);
        if (waiters.isEmpty() && reserve(bytes)) {
            c.state.set(GRANTED);
            c.notifyGranted();
            return c;
        }
        delayed.increment();
        waiters.add(c);
        drain();
        return c;
    }

    private boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now > 0 && now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                peak.accumulateAndGet(now + bytes, Math::max);
                return true;
            }
        }
    }

    private void drain() {
        Claim head;
        while ((head = waiters.peek()) != null) {
            if (head.state.get() != WAITING) {
                waiters.remove(head);
                continue;
            }
            if (!reserve(head.bytes)) {
                return;
            }
            if (head.state.compareAndSet(WAITING, GRANTED)) {
                waiters.remove(head);
                head.notifyGranted();
            } else {
                // Another drain granted it, or its owner gave up meanwhile: undo our reservation.
                held.addAndGet(-head.bytes);
            }
        }
    }

    public long capacityBytes() {
        return capacity;
    }

    /** Bytes claimed now. */
    public long heldBytes() {
        return held.get();
    }

    /** The most bytes ever claimed at once. */
    public long peakBytes() {
        return peak.get();
    }

    /** Claims refused by {@link #tryClaim} (the command was answered TASK SET FULL or BUSY). */
    public long refusedClaims() {
        return refused.sum();
    }

    /** Claims that had to wait (their R2Ts were delayed). */
    public long delayedClaims() {
        return delayed.sum();
    }

    /** Commands waiting for room now. */
    public int waiting() {
        return waiters.size();
    }

    /** Bytes of one command, held from grant to {@link #release()}. */
    public final class Claim {
        private final long bytes;
        private final Executor executor;
        private final Runnable granted;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        private Claim(long bytes, Executor executor, Runnable granted) {
            this.bytes = bytes;
            this.executor = executor;
            this.granted = granted;
        }

        /** Whether the bytes are held for the command (its data may come). */
        public boolean granted() {
            return state.get() == GRANTED;
        }

        public long bytes() {
            return bytes;
        }

        /** Gives the bytes back (or stops waiting for them). Idempotent. */
        public void release() {
            int previous = state.getAndSet(RELEASED);
            if (previous == GRANTED) {
                held.addAndGet(-bytes);
                drain();
            } else if (previous == WAITING) {
                waiters.remove(this);
                drain();
            }
        }

        private void notifyGranted() {
            if (granted == null) {
                return;
            }
            try {
                executor.execute(granted);
            } catch (RejectedExecutionException e) {
                release();
            }
        }
    }
}
