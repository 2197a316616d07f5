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
            // A Data-Out sequence error (DataSN, offset, TTT, F bit) leaves the task without a way to finish: at
            // ErrorRecoveryLevel 0 there is no recovery within a command, only session recovery (RFC 7143 7.1.5).
            // So the PDU is rejected and the connection closed; its tasks are aborted by the cleanup.
            log.warn("{}: {}; rejecting and closing the connection (ErrorRecoveryLevel 0)", conn, e.getMessage());
            conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, e.getMessage());
            conn.closeAfterFlush();
            return;
        }
        if (sequenceDone) {
            commands.solicit(task);
        }
        commands.trySubmit(task);
    }
}
