package io.blockhouse.security;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed authentications per source address: after {@code maxFailures} within {@code window}, the address is
 * blocked for {@code block} (the caller refuses it without looking at its credentials: the TCP API answers 429, the
 * iSCSI login refuses CHAP), which turns guessing into a few attempts per minute. Time comes from a monotonic nanosecond clock, injected so that tests need no sleeps.
 * The table is bounded: when it is full, entries that no longer matter are dropped first, then the oldest.
 * Thread-safe (synchronized; the management API sees little traffic).
 */
public final class FailureLimiter {

    /** Default: 5 failures within a minute block the address for 5 minutes. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final long DEFAULT_WINDOW_NANOS = 60_000_000_000L;
    public static final long DEFAULT_BLOCK_NANOS = 300_000_000_000L;
    static final int MAX_ADDRESSES = 4096;

    /** What became of a failure: the address's count within the window and whether it is now blocked. */
    public record Outcome(int recentFailures, boolean blockedNow) {
    }

    private static final class Entry {
        final Deque<Long> failures = new ArrayDeque<>();
        long blockedUntil;
        boolean blocked;
        long lastSeen;
    }

    private final int maxFailures;
    private final long window;
    private final long block;
    private final LongSupplier clock;
    private final Map<InetAddress, Entry> entries = new HashMap<>();

    public FailureLimiter(int maxFailures, long windowNanos, long blockNanos, LongSupplier nanoClock) {
        if (maxFailures < 1 || windowNanos <= 0 || blockNanos <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = windowNanos;
        this.block = blockNanos;
        this.clock = nanoClock;
    }

    public static FailureLimiter withDefaults() {
        return new FailureLimiter(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW_NANOS, DEFAULT_BLOCK_NANOS, System::nanoTime);
    }

    /** Seconds until {@code address} may try again, or 0 when it is not blocked. */
    public synchronized long blockedSeconds(InetAddress address) {
        Entry e = entries.get(address);
        if (e == null || !e.blocked) {
            return 0;
        }
        long left = e.blockedUntil - clock.getAsLong();
        if (left <= 0) {
            e.blocked = false;
            e.failures.clear();
            return 0;
        }
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** Counts one failed authentication from {@code address}. */
    public synchronized Outcome failure(InetAddress address) {
        long now = clock.getAsLong();
        Entry e = entries.get(address);
        if (e == null) {
            makeRoom(now);
            e = new Entry();
            entries.put(address, e);
        }
        e.lastSeen = now;
        while (!e.failures.isEmpty() && now - e.failures.peekFirst() >= window) {
            e.failures.removeFirst();
        }
        e.failures.addLast(now);
        boolean blockedNow = false;
        if (!e.blocked && e.failures.size() >= maxFailures) {
            e.blocked = true;
            e.blockedUntil = now + block;
            blockedNow = true;
        }
        while (e.failures.size() > maxFailures) {
            e.failures.removeFirst();
        }
        return new Outcome(e.failures.size(), blockedNow);
    }

    /** Addresses currently tracked (for tests and the bound). */
    synchronized int tracked() {
        return entries.size();
    }

    private void makeRoom(long now) {
        if (entries.size() < MAX_ADDRESSES) {
            return;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            boolean stillBlocked = e.blocked && e.blockedUntil - now > 0;
            if (!stillBlocked && now - e.lastSeen >= window) {
                it.remove();
            }
        }
        if (entries.size() >= MAX_ADDRESSES) {
            InetAddress oldest = null;
            long oldestSeen = Long.MAX_VALUE;
            for (Map.Entry<InetAddress, Entry> m : entries.entrySet()) {
                if (oldest == null || m.getValue().lastSeen - oldestSeen < 0) {
                    oldest = m.getKey();
                    oldestSeen = m.getValue().lastSeen;
                }
            }
            entries.remove(oldest);
        }
    }
}
