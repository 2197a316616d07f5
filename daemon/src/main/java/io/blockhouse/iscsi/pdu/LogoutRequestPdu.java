package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Logout Request (0x06, RFC 7143 section 11.14). */
public final class LogoutRequestPdu extends IscsiPdu {
    public static final int CLOSE_SESSION = 0;
    public static final int CLOSE_CONNECTION = 1;
    public static final int REMOVE_CONNECTION_FOR_RECOVERY = 2;

    public LogoutRequestPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    public int reasonCode() {
        return header[1] & 0x7f;
    }

    public int cid() {
        return Bhs.u16(header, 20);
    }

    public int cmdSN() {
        return Bhs.i32(header, 24);
    }

    public int expStatSN() {
        return Bhs.i32(header, 28);
    }
}
