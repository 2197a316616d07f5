package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.PduDefect;
import io.blockhouse.iscsi.pdu.R2tPdu;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.blockhouse.iscsi.pdu.ScsiCommandPdu;
import io.blockhouse.iscsi.pdu.ScsiResponsePdu;
import io.blockhouse.scsi.ScsiCommand;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import io.blockhouse.scsi.TaskAttribute;
import io.blockhouse.scsi.vpd.VpdPages;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCSI Command PDUs (RFC 7143 section 11.3) and the life of their tasks: CmdSN ordering, immediate data, R2T
 * solicitation, submission to the nexus once all Data-Out arrived, and the hop back to the event loop on completion.
 */
final class ScsiCommandOperation {
    private static final Logger log = LoggerFactory.getLogger(ScsiCommandOperation.class);
    /**
     * The most Data-Out any SCSI command of this target uses: READ/WRITE's MAXIMUM TRANSFER LENGTH (every other
     * command takes less). A write's EDTL beyond it is never solicited (a WRITE that long is refused anyway).
     */
    private static final int MAX_DATA_OUT = VpdPages.MAX_TRANSFER_BYTES;

    /**
     * Data-In at least this long is flushed as soon as it is queued: it fills the socket on its own, and holding it
     * until the end of a read burst would leave the socket idle while the next commands are executed.
     */
    private static final int FLUSH_NOW_BYTES = 64 * 1024;

    private final Connection conn;
    private final ResultSender results;

    ScsiCommandOperation(Connection conn) {
        this.conn = conn;
        this.results = new ResultSender(conn);
    }

    /** Takes ownership of {@code pdu}. */
    void handle(ScsiCommandPdu pdu) {
        try {
            accept(pdu);
        } finally {
            pdu.release();
        }
    }

    private void accept(ScsiCommandPdu pdu) {
        if (pdu.defect() == PduDefect.DATA_DIGEST_ERROR) {
            // RFC 7143 section 7.8: discard; the initiator retries the command with the same CmdSN.
            conn.reject(RejectPdu.DATA_DIGEST_ERROR, pdu, "data digest error in SCSI Command");
            return;
        }
        int itt = pdu.initiatorTaskTag();
        int cmdSN = pdu.cmdSN();
        if (!pdu.immediate() && !conn.window.inWindow(cmdSN)) {
            log.debug("{}: dropping SCSI command with CmdSN {} outside the window", conn.session,
                    cmdSN & 0xffffffffL);
            return;
        }
        if (conn.draining()) {
            conn.reject(RejectPdu.WAITING_FOR_LOGOUT, pdu, "target shutting down");
            if (!pdu.immediate()) {
                conn.window.markReceived(cmdSN);
            }
            return;
        }
        if (conn.tasks.containsKey(itt)) {
            conn.reject(RejectPdu.TASK_IN_PROGRESS, pdu, "ITT already in use");
            return;
        }
        if (pdu.immediate() && conn.inFlight() >= conn.settings.queueDepth()) {
            conn.reject(RejectPdu.IMMEDIATE_COMMAND_REJECTED, pdu, "queue full");
            return;
        }
        String violation = violation(pdu);
        if (violation != null) {
            conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, violation);
            if (!pdu.immediate()) {
                // The command was received intact, so its CmdSN is used up; keep later commands flowing.
                conn.window.markReceived(cmdSN);
            }
            return;
        }
        boolean carriesData = pdu.data().readableBytes() > 0 || (pdu.writeBit() && !pdu.finalBit());
        ScsiTask task = newTask(pdu);
        if (task.transfer != null) {
            task.refusalStatus = conn.buffers.admit(task, Math.min(pdu.expectedDataTransferLength(),
                    collectLimit()), carriesData, () -> solicit(task));
            if (task.refusalStatus != 0) {
                // Its CmdSN turn still comes (so the window moves on); Data-Out that follows is dropped.
                task.abandonTransfer();
                conn.rememberAborted(itt);
            }
        }
        conn.tasks.put(itt, task);
        conn.order(pdu.immediate(), cmdSN, new OrderedCommand() {
            @Override
            public void deliver() {
                deliverTask(task);
            }

            @Override
            public void discard() {
                task.releaseData();
                conn.taskFinished(task);
            }
        });
    }

    private String violation(ScsiCommandPdu pdu) {
        int immediateLength = pdu.data().readableBytes();
        int edtl = pdu.expectedDataTransferLength();
        if (edtl < 0) {
            return "EDTL above 2^31-1";
        }
        if (immediateLength > 0) {
            if (!pdu.writeBit()) {
                return "immediate data without the W bit";
            }
            if (!conn.params.immediateData()) {
                return "immediate data while ImmediateData=No";
            }
            if (immediateLength > edtl) {
                return "immediate data longer than EDTL";
            }
            if (immediateLength > conn.params.firstBurstLength()) {
                return "immediate data longer than FirstBurstLength";
            }
        }
        if (pdu.writeBit() && !pdu.finalBit() && conn.params.initialR2T()) {
            return "F=0 (unsolicited Data-Out follows) while InitialR2T=Yes";
        }
        return null;
    }

    /** Immediate and unsolicited data are bounded by FirstBurstLength already; solicited by MAX_DATA_OUT. */
    private int collectLimit() {
        return Math.max(MAX_DATA_OUT, conn.params.firstBurstLength());
    }

    private ScsiTask newTask(ScsiCommandPdu pdu) {
        int edtl = pdu.expectedDataTransferLength();
        WriteTransfer transfer = null;
        if (pdu.writeBit()) {
            boolean unsolicitedFollows = !conn.params.initialR2T() && !pdu.finalBit();
            int unsolicitedLimit = unsolicitedFollows ? Math.min(conn.params.firstBurstLength(), edtl) : -1;
            transfer = new WriteTransfer(edtl, pdu.takeData(), unsolicitedLimit, collectLimit());
        }
        ScsiTask task = new ScsiTask(pdu.initiatorTaskTag(), pdu.lun(), pdu.cdb(), edtl, pdu.readBit(),
                pdu.writeBit(), TaskAttribute.fromIscsi(pdu.attribute()), transfer);
        if ((pdu.readBit() && pdu.writeBit()) || pdu.bidirectionalAhs()) {
            // Bidirectional commands are legal iSCSI but no command we implement uses them: fail as the SCSI layer
            // would for an unsupported CDB, after the Data-Out the initiator is committed to has arrived.
            task.fail(SenseData.invalidFieldInCdb());
        }
        return task;
    }

    private void deliverTask(ScsiTask task) {
        if (task.aborted || conn.closed()) {
            return;
        }
        task.ordered = true;
        conn.taskStarted();
        solicit(task);
        trySubmit(task);
    }

    /** Sends R2Ts until MaxOutstandingR2T are outstanding or nothing remains to request. */
    void solicit(ScsiTask task) {
        if (!task.ordered || task.transfer == null || task.transferAbandoned || !BufferAdmission.maySolicit(task)) {
            return;
        }
        WriteTransfer transfer = task.transfer;
        while (transfer.outstandingBursts() < conn.params.maxOutstandingR2T()) {
            WriteTransfer.Burst burst = transfer.nextBurst(conn.nextTtt(), conn.params.maxBurstLength());
            if (burst == null) {
                return;
            }
            conn.send(new R2tPdu(task.lun, task.itt, burst.ttt, burst.r2tSN, burst.offset, burst.end - burst.offset));
        }
    }

    /**
     * Ends a write whose Data-Out broke the sequence rules: it answers CHECK CONDITION with {@code sense} as soon as
     * its CmdSN turn comes (now, usually), asks for no more data, and later Data-Out PDUs for it are dropped quietly.
     */
    void terminate(ScsiTask task, byte[] sense) {
        task.fail(sense);
        task.abandonTransfer();
        conn.rememberAborted(task.itt);
        trySubmit(task);
    }

    /** Hands the task to the nexus once it is in order and its data is complete. */
    void trySubmit(ScsiTask task) {
        if (!task.ordered || task.submitted || task.aborted || !task.dataComplete()) {
            return;
        }
        task.submitted = true;
        if (task.failureSense != null || task.refusalStatus != 0) {
            task.releaseData();
            conn.retire(task);
            results.sendStatus(task, task.failureSense != null ? ScsiStatus.CHECK_CONDITION : task.refusalStatus,
                    task.failureSense);
            conn.runIfIdle();
            return;
        }
        ByteBuf dataOut = task.transfer == null ? null : task.transfer.takeData(conn.ctx.alloc());
        ScsiCommand command = new ScsiCommand(task.lun, task.cdb, task.expectedLength, task.read, task.write,
                task.attribute, task.itt & 0xffffffffL, dataOut);
        try {
            conn.session.nexus().submit(command, result -> {
                if (conn.ctx.executor().inEventLoop()) {
                    complete(task, result); // ran inline (no back-end I/O, or a non-blocking back-end)
                } else {
                    conn.onEventLoop(() -> complete(task, result), () -> release(result));
                }
            });
        } catch (RuntimeException e) {
            // Ownership of dataOut passed to the nexus with the call; we only answer for the task.
            log.error("{}: nexus rejected command itt=0x{}", conn.session, Integer.toHexString(task.itt), e);
            conn.retire(task);
            conn.send(new ScsiResponsePdu(task.itt, ScsiResponsePdu.RESPONSE_TARGET_FAILURE, 0, 0, 0, 0, null));
            conn.runIfIdle();
        }
    }

    private void complete(ScsiTask task, ScsiResult result) {
        if (result.aborted() || task.aborted || conn.closed() || conn.tasks.get(task.itt) != task) {
            // Aborted tasks get no response (RFC 7143 section 4.2.3.4 / SAM-5); the TMF response covers them.
            release(result);
            conn.taskFinished(task);
            return;
        }
        task.answered = true;
        conn.retire(task);
        boolean large = result.dataIn() != null && result.dataIn().readableBytes() >= FLUSH_NOW_BYTES;
        results.send(task, result);
        conn.runIfIdle();
        if (large) {
            conn.flush(); // start the socket on it now rather than after the rest of the read burst
        } else {
            conn.flushSoon();
        }
    }

    private static void release(ScsiResult result) {
        if (result.dataIn() != null) {
            result.dataIn().release();
        }
    }
}
