package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.admission.WriteBudget;
import io.blockhouse.scsi.ScsiStatus;

/**
 * Connects a connection's write tasks to the server's {@link WriteBudget}: the small hooks the command path calls
 * ({@link #admit}, {@link #maySolicit}, {@link #released}), so the policy lives here and not in the hot path.
 *
 * <p>Policy: a write that brought data with it (immediate data, or unsolicited Data-Out announced by F=0) already
 * occupies memory, so it claims its whole transfer at once or is refused: TASK SET FULL when the session has other
 * commands in flight, else BUSY (SAM-5 5.3.1 draws the same line for a full task set). A write whose data is all
 * solicited waits for its claim before its first R2T, so the initiator simply sees the R2T later. Runs on the
 * connection's event loop.
 */
final class BufferAdmission {
    private final Connection conn;
    private final WriteBudget budget;

    BufferAdmission(Connection conn, WriteBudget budget) {
        this.conn = conn;
        this.budget = budget;
    }

    /**
     * Claims the buffer of a new write task that will hold at most {@code bytes}. Returns 0 when the task may go
     * on (claim granted, or waiting: its R2Ts wait, see {@link #maySolicit}), or the SAM status to refuse it with.
     *
     * @param carriesData the command brought immediate data or announced unsolicited Data-Out
     * @param whenGranted runs on the event loop once a waiting claim is granted (sends the first R2Ts)
     */
    int admit(ScsiTask task, long bytes, boolean carriesData, Runnable whenGranted) {
        if (bytes <= 0) {
            return 0;
        }
        if (carriesData) {
            WriteBudget.Claim claim = budget.tryClaim(bytes);
            if (claim == null) {
                return conn.inFlight() > 0 ? ScsiStatus.TASK_SET_FULL : ScsiStatus.BUSY;
            }
            task.bufferClaim = claim;
            return 0;
        }
        task.bufferClaim = budget.claimWhenAvailable(bytes, conn.ctx.executor(), () -> {
            if (conn.tasks.get(task.itt) == task && !task.aborted && !conn.closed()) {
                whenGranted.run();
                conn.flush();
            }
        });
        return 0;
    }

    /** Whether R2Ts may go out for the task: its buffer is claimed (or it needs none). */
    static boolean maySolicit(ScsiTask task) {
        return task.bufferClaim == null || task.bufferClaim.granted();
    }

    /** The task left the connection: its buffer, or its place in the queue, goes back to the budget. */
    static void released(ScsiTask task) {
        if (task.bufferClaim != null) {
            task.bufferClaim.release();
        }
    }
}
