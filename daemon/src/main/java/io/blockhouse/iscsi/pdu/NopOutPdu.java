package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** NOP-Out (0x00, RFC 7143 section 11.18): an initiator ping, or the answer to a target NOP-In. */
public final class NopOutPdu extends IscsiPdu {
    public NopOutPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    public int targetTransferTag() {
        return Bhs.i32(header, 20);
    }

    public int cmdSN() {
        return Bhs.i32(header, 24);
    }

    public int expStatSN() {
        return Bhs.i32(header, 28);
    }

    /** An ITT other than 0xffffffff asks for a NOP-In answer. */
    public boolean isPing() {
        return initiatorTaskTag() != Bhs.NO_TAG;
    }
}
