package io.blockhouse.scsi;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work one item at a time, in submission order, on an executor's threads: the first item wakes a thread, which
 * then drains whatever else was queued meanwhile. At queue depth 32 a burst of writes costs one thread hand-off
 * instead of one each (see {@link io.blockhouse.backend.SerializedWrites}).
 */
final class SerialLane {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);

    /** An item, and what to do with it if the executor refuses to run the lane (shut down). */
    interface Work extends Runnable {
        void refuse();
    }

    private final Executor executor;
    private final Queue<Work> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialLane(Executor executor) {
        this.executor = executor;
    }

    void submit(Work work) {
        queue.add(work);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                refuseQueued();
            }
        }
    }

    private void drain() {
        do {
            Work work;
            while ((work = queue.poll()) != null) {
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    // Work completes its own task whatever happens; this is a bug, and the lane must go on.
                    LOG.error("lane work failed", e);
                }
            }
            draining.set(false);
            // An item queued after the last poll but before the flag dropped found the lane draining: take it.
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void refuseQueued() {
        do {
            Work work;
            while ((work = queue.poll()) != null) {
                work.refuse();
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }
}
