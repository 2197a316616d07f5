package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.sense.SenseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sanitize operation of one logical unit (SBC-3 4.11). It runs on its own thread, detached from the SANITIZE
 * command that started it: task management (ABORT TASK, LOGICAL UNIT RESET, target resets) and the loss of the I_T
 * nexus end the command but never the operation, which is the point of a sanitize. While it runs the logical unit
 * answers nearly every command with NOT READY, SANITIZE IN PROGRESS.
 */
public final class SanitizeState {
    private static final Logger LOG = LoggerFactory.getLogger(SanitizeState.class);

    /** The work of one sanitize: it may fail with the sense its SANITIZE command ends with. */
    @FunctionalInterface
    interface Work {
        void run() throws SenseException;
    }

    private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();

    /** True from the start of a sanitize operation until it has ended, successfully or not. */
    public boolean inProgress() {
        CompletableFuture<Void> f = running.get();
        return f != null && !f.isDone();
    }

    /** Waits until a sanitize operation in progress (if any) has ended, however it ended. */
    public void awaitEnd() {
        CompletableFuture<Void> f = running.get();
        if (f != null) {
            f.handle((ok, failure) -> null).join();
        }
    }

    /**
     * Starts {@code work} on a thread of its own; returns its completion (exceptionally with the
     * {@link SenseException} it failed with), or null when a sanitize operation is already in progress.
     */
    CompletableFuture<Void> start(String unitName, Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running.compareAndSet(null, done)) {
            CompletableFuture<Void> previous = running.get();
            if (previous == null || !previous.isDone() || !running.compareAndSet(previous, done)) {
                return null;
            }
        }
        Thread t = new Thread(() -> {
            try {
                work.run();
                LOG.info("{}: sanitize completed", unitName);
                done.complete(null);
            } catch (SenseException e) {
                LOG.warn("{}: sanitize failed: {}", unitName, e.sense());
                done.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                LOG.error("{}: sanitize failed unexpectedly", unitName, e);
                done.completeExceptionally(e);
            }
        }, "blockhouse-sanitize-" + unitName);
        t.setDaemon(true);
        LOG.info("{}: sanitize started", unitName);
        t.start();
        return done;
    }
}
