package io.blockhouse.iscsi.pdu;

/** Logout Response (0x26, RFC 7143 section 11.15). */
public final class LogoutResponsePdu extends TargetPdu {
    public static final int CLOSED = 0;
    public static final int CID_NOT_FOUND = 1;
    public static final int RECOVERY_NOT_SUPPORTED = 2;
    public static final int CLEANUP_FAILED = 3;

    public LogoutResponsePdu(int itt, int response, int time2Wait, int time2Retain) {
        super(newHeader(Opcode.LOGOUT_RESPONSE, true), null);
        Bhs.put8(header, 2, response);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put16(header, 40, time2Wait);
        Bhs.put16(header, 42, time2Retain);
    }

    public int response() {
        return Bhs.u8(header, 2);
    }
}
