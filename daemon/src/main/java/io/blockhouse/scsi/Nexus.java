package io.blockhouse.scsi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The SCSI target as one I_T nexus (one iSCSI session) sees it: the logical units mapped to this initiator, their
 * task sets, unit attentions and task management. Obtained from {@link TargetPort#openNexus}; closed when the
 * session ends (its outstanding tasks are aborted; unit attention state, kept by initiator port name, survives a
 * re-login with the same ISID).
 *
 * <p>Threading: {@link #submit} may complete inline (commands that touch no back-end) or later on an I/O thread.
 * Callbacks run on arbitrary threads; the transport hops back to its own event loop.
 */
public interface Nexus extends AutoCloseable {

    /** Executes a command; {@code done} is called exactly once, also for aborted tasks (with aborted=true). */
    void submit(ScsiCommand command, Consumer<ScsiResult> done);

    /**
     * Performs a task management function. {@code lun} is the wire LUN field; {@code referencedTaskTag} is used by
     * ABORT TASK. The future completes when every affected task has completed or been aborted (their callbacks
     * have run), so the transport may send the TMF response right after.
     */
    CompletableFuture<TmfResponse> taskManagement(TmfFunction function, long lun, long referencedTaskTag);

    /** Number of tasks submitted and not yet completed. */
    int outstandingTasks();

    /** Aborts this nexus's outstanding tasks (no responses) and detaches it. Idempotent. */
    @Override
    void close();
}
