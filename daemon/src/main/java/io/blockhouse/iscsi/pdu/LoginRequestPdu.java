package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Login Request (0x03, RFC 7143 section 11.12). The data segment holds text keys. */
public final class LoginRequestPdu extends IscsiPdu {
    public LoginRequestPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    /** The T bit: the initiator wants to move to {@link #nextStage()}. */
    public boolean transit() {
        return Bhs.bit(header, 1, 0x80);
    }

    /** The C bit: more text follows in further Login Requests. */
    public boolean continues() {
        return Bhs.bit(header, 1, 0x40);
    }

    public int currentStage() {
        return (header[1] >> 2) & 0x03;
    }

    public int nextStage() {
        return header[1] & 0x03;
    }

    public int versionMax() {
        return Bhs.u8(header, 2);
    }

    public int versionMin() {
        return Bhs.u8(header, 3);
    }

    /** The 6-byte ISID. */
    public byte[] isid() {
        byte[] isid = new byte[6];
        System.arraycopy(header, 8, isid, 0, 6);
        return isid;
    }

    public int tsih() {
        return Bhs.u16(header, 14);
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
