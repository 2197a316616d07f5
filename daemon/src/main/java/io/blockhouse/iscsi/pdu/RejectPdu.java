package io.blockhouse.iscsi.pdu;

import io.netty.buffer.Unpooled;

/** Reject (0x3f, RFC 7143 section 11.17). The data segment is the complete BHS of the rejected PDU. */
public final class RejectPdu extends TargetPdu {
    public static final int DATA_DIGEST_ERROR = 0x02;
    public static final int SNACK_REJECT = 0x03;
    public static final int PROTOCOL_ERROR = 0x04;
    public static final int COMMAND_NOT_SUPPORTED = 0x05;
    public static final int IMMEDIATE_COMMAND_REJECTED = 0x06;
    public static final int TASK_IN_PROGRESS = 0x07;
    public static final int INVALID_DATA_ACK = 0x08;
    public static final int INVALID_PDU_FIELD = 0x09;
    public static final int LONG_OPERATION_REJECT = 0x0a;
    public static final int WAITING_FOR_LOGOUT = 0x0c;

    public RejectPdu(int reason, byte[] rejectedHeader) {
        super(newHeader(Opcode.REJECT, true), Unpooled.wrappedBuffer(rejectedHeader.clone()));
        Bhs.put8(header, 2, reason);
        Bhs.put32(header, Bhs.OFF_ITT, Bhs.NO_TAG);
    }

    public int reason() {
        return Bhs.u8(header, 2);
    }
}
