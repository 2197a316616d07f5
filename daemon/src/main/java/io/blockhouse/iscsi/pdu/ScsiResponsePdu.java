package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** SCSI Response (0x21, RFC 7143 section 11.4). The data segment is SenseLength (2 bytes) + sense data, or empty. */
public final class ScsiResponsePdu extends TargetPdu {
    public static final int RESPONSE_COMPLETED = 0x00;
    public static final int RESPONSE_TARGET_FAILURE = 0x01;
    public static final int FLAG_OVERFLOW = 0x04;
    public static final int FLAG_UNDERFLOW = 0x02;

    /**
     * @param residualFlags {@link #FLAG_OVERFLOW} or {@link #FLAG_UNDERFLOW} or 0
     * @param senseSegment  SenseLength + sense bytes, or null; ownership passes to the PDU
     */
    public ScsiResponsePdu(int itt, int response, int status, int residualFlags, int residualCount, int expDataSN,
                           ByteBuf senseSegment) {
        super(newHeader(Opcode.SCSI_RESPONSE, true), senseSegment);
        header[1] |= (byte) (residualFlags & 0x06);
        Bhs.put8(header, 2, response);
        Bhs.put8(header, 3, status);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put32(header, 36, expDataSN);
        Bhs.put32(header, 44, residualCount);
    }

    public int response() {
        return Bhs.u8(header, 2);
    }

    public int status() {
        return Bhs.u8(header, 3);
    }

    public boolean overflow() {
        return Bhs.bit(header, 1, FLAG_OVERFLOW);
    }

    public boolean underflow() {
        return Bhs.bit(header, 1, FLAG_UNDERFLOW);
    }

    public int expDataSN() {
        return Bhs.i32(header, 36);
    }

    public int residualCount() {
        return Bhs.i32(header, 44);
    }
}
