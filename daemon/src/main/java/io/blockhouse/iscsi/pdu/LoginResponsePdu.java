package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Login Response (0x23, RFC 7143 section 11.13). */
public final class LoginResponsePdu extends TargetPdu {
    /**
     * @param isid 6 bytes, echoed from the request
     * @param text key=value text; ownership passes to the PDU
     */
    public LoginResponsePdu(boolean transit, boolean continues, int currentStage, int nextStage, byte[] isid,
                            int tsih, int itt, int statusClass, int statusDetail, ByteBuf text) {
        super(newHeader(Opcode.LOGIN_RESPONSE, false), text);
        int flags = (transit ? 0x80 : 0) | (continues ? 0x40 : 0) | ((currentStage & 3) << 2) | (nextStage & 3);
        Bhs.put8(header, 1, flags);
        // Version-max and Version-active are both 0x00: the only version RFC 7143 defines.
        System.arraycopy(isid, 0, header, 8, 6);
        Bhs.put16(header, 14, tsih);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put8(header, 36, statusClass);
        Bhs.put8(header, 37, statusDetail);
    }

    public boolean transit() {
        return Bhs.bit(header, 1, 0x80);
    }

    public boolean continues() {
        return Bhs.bit(header, 1, 0x40);
    }

    public int currentStage() {
        return (header[1] >> 2) & 3;
    }

    public int nextStage() {
        return header[1] & 3;
    }

    public int tsih() {
        return Bhs.u16(header, 14);
    }

    public int statusClass() {
        return Bhs.u8(header, 36);
    }

    public int statusDetail() {
        return Bhs.u8(header, 37);
    }
}
