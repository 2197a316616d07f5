package io.blockhouse.iscsi.server;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adaptive busy polling for the iSCSI event loops ({@code iscsi.pollMicros}). After a loop has handled its events it
 * keeps asking epoll (with a zero timeout) and its own task queue for more work, for up to the poll time, before it
 * goes to sleep in epoll_wait.
 *
 * <p>Why: an initiator at queue depth 1 sends its next command a few tens of microseconds after our answer. A
 * sleeping thread then has to be woken by the kernel (on a virtual machine: a halted vCPU, an inter-processor
 * interrupt through the hypervisor), which costs more than serving a 4 KiB command from RAM. A loop still polling
 * sees the command at once. Storage targets built for latency poll the same way (SPDK always; Linux's
 * {@code net.core.busy_poll} for sockets).
 *
 * <p>The cost is CPU time while I/O is flowing, bounded three ways: a loop polls only right after it had work (an
 * idle target sleeps); at most half the CPUs poll at once (at least one), so initiators, the I/O pool and the other
 * loops always have processors; and with a single CPU nothing polls, since the poller would only hold up the
 * thread it waits for. A task queued by another thread (an I/O pool completion) ends the poll at once: Netty does
 * not wake a loop that has not gone to sleep, so the queue is checked on every turn.
 */
public final class BusyPolling implements SelectStrategyFactory {
    /** Default {@code iscsi.pollMicros}. */
    public static final int DEFAULT_MICROS = 50;
    /** Largest {@code iscsi.pollMicros} the configuration accepts. */
    public static final int MAX_MICROS = 1000;

    private final long pollNanos;
    private final int maxPollers;
    private final AtomicInteger freeSlots;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Package-private for tests that need a poll time outside the configurable range. */
    BusyPolling(long pollNanos, int maxPollers) {
        this.pollNanos = pollNanos;
        this.maxPollers = maxPollers;
        this.freeSlots = new AtomicInteger(maxPollers);
    }

    /** No polling: every loop sleeps in epoll_wait as soon as it has nothing to do (Netty's default behaviour). */
    public static BusyPolling off() {
        return new BusyPolling(0, 0);
    }

    /**
     * @param pollMicros how long a loop polls after its last work, 0 for never
     * @param cpus       processors available to the JVM; half of them (at least one) may poll at once, none if 1
     */
    public static BusyPolling of(int pollMicros, int cpus) {
        if (pollMicros < 0 || pollMicros > MAX_MICROS) {
            throw new IllegalArgumentException("poll time " + pollMicros + " µs is outside 0.." + MAX_MICROS);
        }
        if (pollMicros == 0 || cpus < 2) {
            return off();
        }
        return new BusyPolling(TimeUnit.MICROSECONDS.toNanos(pollMicros), cpus / 2);
    }

    /** Whether any loop polls at all. */
    public boolean enabled() {
        return maxPollers > 0;
    }

    /** Loops that may poll at the same time. */
    public int maxPollers() {
        return maxPollers;
    }

    /** Polls that found work (a ready socket or a queued task) before the poll time ran out. */
    public long hits() {
        return hits.sum();
    }

    /** Polls that ran out of time and let the loop sleep. */
    public long misses() {
        return misses.sum();
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return this::strategy;
    }

    /**
     * Netty's contract: return a positive number of ready events that {@code selectNow} just fetched, or
     * {@link SelectStrategy#SELECT} to sleep in epoll_wait.
     */
    private int strategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get(); // what Netty's default strategy does: look at the sockets, then run the tasks
        }
        if (!takeSlot()) {
            return SelectStrategy.SELECT;
        }
        try {
            return poll(selectNow);
        } finally {
            freeSlots.incrementAndGet();
        }
    }

    private int poll(IntSupplier selectNow) throws Exception {
        SingleThreadEventExecutor loop = currentLoop();
        long deadline = System.nanoTime() + pollNanos;
        do {
            int ready = selectNow.get();
            if (ready > 0 || (loop != null && loop.pendingTasks() > 0)) {
                hits.increment();
                return ready;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - deadline < 0);
        misses.increment();
        return SelectStrategy.SELECT;
    }

    private boolean takeSlot() {
        int free;
        do {
            free = freeSlots.get();
            if (free <= 0) {
                return false;
            }
        } while (!freeSlots.compareAndSet(free, free - 1));
        return true;
    }

    private static SingleThreadEventExecutor currentLoop() {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        return executor instanceof SingleThreadEventExecutor single ? single : null;
    }
}
