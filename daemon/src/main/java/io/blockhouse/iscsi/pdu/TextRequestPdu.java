package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Text Request (0x04, RFC 7143 section 11.10). */
public final class TextRequestPdu extends IscsiPdu {
    public TextRequestPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    /** The C bit: the text continues in the next Text Request. */
    public boolean continues() {
        return Bhs.bit(header, 1, 0x40);
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
}
