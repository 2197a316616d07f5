package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/**
 * NOP-In (0x20, RFC 7143 section 11.19): either the answer to an initiator ping (ITT echoed, TTT 0xffffffff) or a
 * target ping (ITT 0xffffffff, TTT ours) which does not advance StatSN.
 */
public final class NopInPdu extends TargetPdu {
    /**
     * @param data echoed ping data; ownership passes to the PDU
     */
    public NopInPdu(int itt, int ttt, long lun, ByteBuf data) {
        super(newHeader(Opcode.NOP_IN, true), data);
        Bhs.put64(header, Bhs.OFF_LUN, lun);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put32(header, 20, ttt);
    }

    public int targetTransferTag() {
        return Bhs.i32(header, 20);
    }

    @Override
    public boolean consumesStatSN() {
        return initiatorTaskTag() != Bhs.NO_TAG;
    }
}
