package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.Bhs;
import io.blockhouse.iscsi.pdu.NopInPdu;
import io.blockhouse.iscsi.pdu.NopOutPdu;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.netty.buffer.ByteBuf;

/**
 * NOP-Out (RFC 7143 section 11.18): a ping (ITT set) is answered with a NOP-In echoing its data, in CmdSN order unless
 * immediate; a NOP-Out with ITT 0xffffffff answers our own ping (TTT set) and needs no reply.
 */
final class NopOperation {
    private final Connection conn;
    private final KeepAlive keepAlive;

    NopOperation(Connection conn, KeepAlive keepAlive) {
        this.conn = conn;
        this.keepAlive = keepAlive;
    }

    /** Takes ownership of {@code pdu}. */
    void handle(NopOutPdu pdu) {
        try {
            if (!pdu.isPing()) {
                if (pdu.targetTransferTag() != Bhs.NO_TAG) {
                    keepAlive.answered(pdu.targetTransferTag());
                }
                return;
            }
            if (pdu.targetTransferTag() != Bhs.NO_TAG) {
                conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, "NOP-Out ping with a TTT");
                return;
            }
            int itt = pdu.initiatorTaskTag();
            long lun = pdu.lun();
            ByteBuf echo = pdu.takeData();
            conn.order(pdu.immediate(), pdu.cmdSN(), new OrderedCommand() {
                @Override
                public void deliver() {
                    conn.send(new NopInPdu(itt, Bhs.NO_TAG, lun, echo));
                }

                @Override
                public void discard() {
                    echo.release();
                }
            });
        } finally {
            pdu.release();
        }
    }
}
