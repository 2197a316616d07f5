package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.DataOutPdu;
import io.blockhouse.iscsi.pdu.PduDefect;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCSI Data-Out PDUs (RFC 7143 section 11.7): validated against the task's transfer state; protocol violations are
 * rejected, a data digest error is rejected and fails the task with CHECK CONDITION once its data has all arrived
 * (section 7.8, option b), and a completed sequence lets further R2Ts go out.
 */
final class DataOutOperation {
    private static final Logger log = LoggerFactory.getLogger(DataOutOperation.class);

    private final Connection conn;
    private final ScsiCommandOperation commands;

    DataOutOperation(Connection conn, ScsiCommandOperation commands) {
        this.conn = conn;
        this.commands = commands;
    }

    /** Takes ownership of {@code pdu}. */
    void handle(DataOutPdu pdu) {
        try {
            accept(pdu);
        } finally {
            pdu.release();
        }
    }

    private void accept(DataOutPdu pdu) {
        int itt = pdu.initiatorTaskTag();
        ScsiTask task = conn.tasks.get(itt);
        boolean digestError = pdu.defect() == PduDefect.DATA_DIGEST_ERROR;
        if (digestError) {
            conn.reject(RejectPdu.DATA_DIGEST_ERROR, pdu, "data digest error in Data-Out");
        }
        if (task != null && task.transferAbandoned && !task.submitted) {
            return; // the task already failed or was refused; the rest of its data is not wanted
        }
        if (task == null || task.transfer == null || task.submitted) {
            if (!digestError && !conn.recentlyAborted(itt)) {
                conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, "Data-Out for no write task awaiting data");
            }
            return;
        }
        if (digestError) {
            task.fail(SenseData.protocolServiceCrcError());
        }
        ByteBuf data = digestError ? null : pdu.takeData();
        boolean sequenceDone;
        try {
            sequenceDone = task.transfer.accept(pdu.targetTransferTag(), pdu.bufferOffset(), pdu.dataSN(),
                    pdu.dataSegmentLength(), pdu.finalBit(), data);
        } catch (DataOutException e) {
            if (data != null) {
                data.release();
            }
            // At ErrorRecoveryLevel 0 a broken Data-Out sequence cannot be repaired within the command, and a Reject
            // alone must not end a task (RFC 7143 6.3): the PDU is rejected, then the task is ended with a SCSI
            // Response, so neither side keeps waiting for data that will never come. The write is not executed.
            log.info("{}: itt=0x{}: {}; ending the task", conn.session, Integer.toHexString(itt), e.getMessage());
            conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, e.getMessage());
            commands.terminate(task, e.sense());
            return;
        }
        if (sequenceDone) {
            commands.solicit(task);
        }
        commands.trySubmit(task);
    }
}
