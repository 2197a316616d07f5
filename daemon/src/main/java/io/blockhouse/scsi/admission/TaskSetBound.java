package io.blockhouse.scsi.admission;

import io.blockhouse.scsi.ScsiStatus;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The bound on one logical unit's task set, over every I_T nexus. A task that does not fit is not entered: SAM-5
 * 5.3.1 answers it with TASK SET FULL when its I_T nexus has other tasks in the task set (the initiator learns its
 * share by having them complete) and with BUSY when it has none (nothing of its own will free a slot). Lock-free:
 * one atomic counter per unit.
 */
public final class TaskSetBound {
    /** Default capacity: eight sessions at the default queue depth of 128. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final AtomicInteger entered = new AtomicInteger();
    private final LongAdder taskSetFull = new LongAdder();
    private final LongAdder busy = new LongAdder();

    public TaskSetBound(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("task set capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Counts a new task into the task set. Returns 0 when it fits, otherwise the status to answer it with; either
     * way the caller calls {@link #leave()} once when the task ends.
     *
     * @param nexusHasOtherTasks asked only when the set is full: whether the task's I_T nexus has other tasks in it
     */
    public int enter(BooleanSupplier nexusHasOtherTasks) {
        if (entered.incrementAndGet() <= capacity) {
            return 0;
        }
        if (nexusHasOtherTasks.getAsBoolean()) {
            taskSetFull.increment();
            return ScsiStatus.TASK_SET_FULL;
        }
        busy.increment();
        return ScsiStatus.BUSY;
    }

    /** A task counted by {@link #enter} ended. */
    public void leave() {
        entered.decrementAndGet();
    }

    public int capacity() {
        return capacity;
    }

    /** Tasks counted now (refused ones included until they have been answered). */
    public int size() {
        return entered.get();
    }

    /** Commands answered TASK SET FULL so far. */
    public long taskSetFullCount() {
        return taskSetFull.sum();
    }

    /** Commands answered BUSY so far. */
    public long busyCount() {
        return busy.sum();
    }
}
