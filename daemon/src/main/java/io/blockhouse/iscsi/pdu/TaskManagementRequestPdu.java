package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Task Management Function Request (0x02, RFC 7143 section 11.5). */
public final class TaskManagementRequestPdu extends IscsiPdu {
    public TaskManagementRequestPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    public int function() {
        return header[1] & 0x7f;
    }

    public int referencedTaskTag() {
        return Bhs.i32(header, 20);
    }

    public int cmdSN() {
        return Bhs.i32(header, 24);
    }

    public int expStatSN() {
        return Bhs.i32(header, 28);
    }

    public int refCmdSN() {
        return Bhs.i32(header, 32);
    }
}
