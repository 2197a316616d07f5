package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.TaskManagementRequestPdu;
import io.blockhouse.iscsi.pdu.TaskManagementResponsePdu;
import io.blockhouse.scsi.TmfFunction;
import io.blockhouse.scsi.TmfResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task Management Function Requests (RFC 7143 sections 11.5-11.6). Tasks still collecting Data-Out here are dropped
 * by the transport itself; everything the nexus already runs is aborted through {@link
 * io.blockhouse.scsi.Nexus#taskManagement}, whose future completes after the affected tasks' callbacks ran, so the
 * response goes out after them. TARGET COLD RESET closes every session of the target once answered.
 */
final class TaskManagementOperation {
    private static final Logger log = LoggerFactory.getLogger(TaskManagementOperation.class);

    private final Connection conn;

    TaskManagementOperation(Connection conn) {
        this.conn = conn;
    }

    /** Takes ownership of {@code pdu}. */
    void handle(TaskManagementRequestPdu pdu) {
        int itt = pdu.initiatorTaskTag();
        int code = pdu.function();
        long lun = pdu.lun();
        int referenced = pdu.referencedTaskTag();
        int refCmdSN = pdu.refCmdSN();
        int cmdSN = pdu.cmdSN();
        boolean immediate = pdu.immediate();
        pdu.release();
        conn.order(immediate, cmdSN, new OrderedCommand() {
            @Override
            public void deliver() {
                perform(itt, code, lun, referenced, refCmdSN, cmdSN);
            }

            @Override
            public void discard() {
            }
        });
    }

    private void perform(int itt, int code, long lun, int referenced, int refCmdSN, int cmdSN) {
        TmfFunction function = TmfFunction.fromCode(code);
        if (function == null) {
            respond(itt, TmfResponse.FUNCTION_REJECTED);
            return;
        }
        log.info("{}: task management {} lun=0x{} rtt=0x{}", conn.session, function, Long.toHexString(lun),
                Integer.toHexString(referenced));
        switch (function) {
            case TASK_REASSIGN -> respond(itt, TmfResponse.TASK_REASSIGNMENT_NOT_SUPPORTED);
            case ABORT_TASK -> abortTask(itt, lun, referenced, refCmdSN, cmdSN);
            case ABORT_TASK_SET, CLEAR_TASK_SET, LOGICAL_UNIT_RESET, CLEAR_ACA -> {
                if (function != TmfFunction.CLEAR_ACA) {
                    dropUnsubmitted(lun, false);
                }
                forward(itt, function, lun, referenced, null);
            }
            case TARGET_WARM_RESET, TARGET_COLD_RESET -> {
                dropUnsubmitted(lun, true);
                forward(itt, function, lun, referenced, null);
            }
        }
    }

    private void abortTask(int itt, long lun, int referenced, int refCmdSN, int cmdSN) {
        ScsiTask task = conn.tasks.get(referenced);
        if (task == null) {
            // RFC 7143 section 11.5.1: a task we never saw whose CmdSN is still in the window counts as received.
            if (conn.window.inWindow(refCmdSN) && SerialNumbers.lessThan(refCmdSN, cmdSN)) {
                conn.window.markReceived(refCmdSN);
                respond(itt, TmfResponse.FUNCTION_COMPLETE);
            } else {
                respond(itt, TmfResponse.TASK_DOES_NOT_EXIST);
            }
            return;
        }
        if (task.lun != lun) {
            respond(itt, TmfResponse.TASK_DOES_NOT_EXIST);
            return;
        }
        if (!task.submitted) {
            conn.dropUnsubmitted(task);
            respond(itt, TmfResponse.FUNCTION_COMPLETE);
            return;
        }
        forward(itt, TmfFunction.ABORT_TASK, lun, referenced, task);
    }

    private void dropUnsubmitted(long lun, boolean allLuns) {
        List<ScsiTask> victims = new ArrayList<>();
        for (ScsiTask t : conn.tasks.values()) {
            if (!t.submitted && (allLuns || t.lun == lun)) {
                victims.add(t);
            }
        }
        for (ScsiTask t : victims) {
            conn.dropUnsubmitted(t);
        }
    }

    /**
     * @param abortedTask for ABORT TASK, the task as we know it: if it completed normally before the abort took
     *                    effect its response already went out, and the abort found nothing to do
     */
    private void forward(int itt, TmfFunction function, long lun, int referenced, ScsiTask abortedTask) {
        CompletableFuture<TmfResponse> future;
        try {
            future = conn.session.nexus().taskManagement(function, lun, referenced & 0xffffffffL);
        } catch (RuntimeException e) {
            log.error("{}: task management {} failed", conn.session, function, e);
            respond(itt, TmfResponse.FUNCTION_REJECTED);
            return;
        }
        future.whenComplete((response, error) -> conn.onEventLoop(() -> {
            TmfResponse answer = error != null || response == null ? TmfResponse.FUNCTION_REJECTED : response;
            if (abortedTask != null && abortedTask.answered && answer == TmfResponse.FUNCTION_COMPLETE) {
                // The completion beat the abort (both hop to this loop in order): report it as RFC 7143 11.6.1 does.
                answer = TmfResponse.TASK_DOES_NOT_EXIST;
            }
            if (error != null) {
                log.error("{}: task management {} failed", conn.session, function, error);
            }
            respond(itt, answer);
            conn.flush();
            if (function == TmfFunction.TARGET_COLD_RESET && answer == TmfResponse.FUNCTION_COMPLETE) {
                closeAllSessionsOfTarget();
            }
        }, () -> { }));
    }

    private void closeAllSessionsOfTarget() {
        for (Session s : conn.registry.sessionsOfTarget(conn.session.target().name())) {
            if (s != conn.session) {
                s.terminate();
            }
        }
        conn.closeAfterFlush();
    }

    private void respond(int itt, TmfResponse response) {
        conn.send(new TaskManagementResponsePdu(itt, response.code()));
    }
}
