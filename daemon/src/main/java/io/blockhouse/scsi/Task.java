package io.blockhouse.scsi;

import io.blockhouse.scsi.stats.LunCounters;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One command in a task set, from submission to its single callback. Owns the command's Data-Out buffer and
 * releases it exactly once when the task ends, whichever way it ends.
 *
 * <p>State machine: QUEUED (waiting for an I/O thread) -> RUNNING -> DONE; an abort moves QUEUED straight to DONE
 * (aborted at once) and RUNNING to ABORT_REQUESTED, so the running processor finishes its back-end I/O and its
 * result is then discarded. A task already DONE cannot be aborted: its response is on its way.
 */
final class Task {
    enum State { QUEUED, RUNNING, ABORT_REQUESTED, DONE }

    /** How an aborted task ends: no response at all, or TASK ABORTED status (TAS=1, aborted by another nexus). */
    enum AbortKind { SILENT, TASK_ABORTED_STATUS }

    final SessionNexus nexus;
    final LogicalUnit unit;
    final ScsiCommand command;
    /** The LUN's counters of this session (null when the LUN is not mapped). */
    final LunCounters lunCounters;
    /** When the SCSI layer received the command, for the unit's latency histograms. */
    final long receivedNanos = System.nanoTime();
    /** Completes after the callback ran, whatever the outcome (task management waits on it). */
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    /**
     * Completes when an abort is requested while the task runs, so a processor that waits on an operation which
     * outlives its command (SANITIZE) can stop waiting; most processors ignore it and finish their I/O.
     */
    final CompletableFuture<Void> abortRequested = new CompletableFuture<>();

    private final Consumer<ScsiResult> done;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final AtomicReference<AbortKind> abortKind = new AtomicReference<>();
    private final AtomicBoolean dataOutReleased = new AtomicBoolean();

    Task(SessionNexus nexus, LogicalUnit unit, ScsiCommand command, Consumer<ScsiResult> done) {
        this(nexus, unit, command, done, null);
    }

    Task(SessionNexus nexus, LogicalUnit unit, ScsiCommand command, Consumer<ScsiResult> done,
         LunCounters lunCounters) {
        this.nexus = nexus;
        this.unit = unit;
        this.command = command;
        this.done = done;
        this.lunCounters = lunCounters;
    }

    long tag() {
        return command.taskTag();
    }

    /** Claims the task for execution; false when it was aborted before it started. */
    boolean start() {
        return state.compareAndSet(State.QUEUED, State.RUNNING);
    }

    /**
     * Ends a started task with {@code result} (ownership of its dataIn passes here), or as aborted when an abort
     * came in meanwhile.
     */
    void complete(ScsiResult result) {
        while (true) {
            State s = state.get();
            if (s == State.RUNNING && state.compareAndSet(s, State.DONE)) {
                finish(result);
                return;
            }
            if (s == State.ABORT_REQUESTED && state.compareAndSet(s, State.DONE)) {
                ReferenceCountUtil.release(result.dataIn());
                finish(abortedResult());
                return;
            }
            if (s == State.DONE || s == State.QUEUED) {
                // Not ours to complete (already ended, or never started): drop the result.
                ReferenceCountUtil.release(result.dataIn());
                return;
            }
        }
    }

    /**
     * Requests the abort. Returns false when the task had already ended (so ABORT TASK answers TASK DOES NOT
     * EXIST); otherwise the task ends aborted, now or when its running I/O returns ({@link #finished}).
     */
    boolean abort(AbortKind kind) {
        abortKind.compareAndSet(null, kind);
        while (true) {
            State s = state.get();
            switch (s) {
                case QUEUED -> {
                    if (state.compareAndSet(s, State.DONE)) {
                        finish(abortedResult());
                        return true;
                    }
                }
                case RUNNING -> {
                    if (state.compareAndSet(s, State.ABORT_REQUESTED)) {
                        abortRequested.complete(null);
                        return true;
                    }
                }
                case ABORT_REQUESTED -> {
                    return true;
                }
                case DONE -> {
                    return false;
                }
                default -> throw new IllegalStateException(s.toString());
            }
        }
    }

    private ScsiResult abortedResult() {
        return abortKind.get() == AbortKind.TASK_ABORTED_STATUS
                ? new ScsiResult(ScsiStatus.TASK_ABORTED, null, null, 0, false)
                : new ScsiResult(ScsiStatus.TASK_ABORTED, null, null, 0, true);
    }

    private void finish(ScsiResult result) {
        releaseDataOut();
        nexus.taskEnded(this);
        if (unit != null) {
            unit.accountCompletion(this, result); // before the callback: it takes the result over
        }
        try {
            done.accept(result);
        } finally {
            try {
                if (unit != null) {
                    unit.taskEnded(this); // may start tasks that waited for this one
                }
            } finally {
                finished.complete(null);
            }
        }
    }

    private void releaseDataOut() {
        if (command.dataOut() != null && dataOutReleased.compareAndSet(false, true)) {
            ReferenceCountUtil.release(command.dataOut());
        }
    }
}
