package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Text Response (0x24, RFC 7143 section 11.11). */
public final class TextResponsePdu extends TargetPdu {
    /**
     * @param text key=value text; ownership passes to the PDU
     */
    public TextResponsePdu(boolean finalBit, boolean continues, int itt, int ttt, long lun, ByteBuf text) {
        super(newHeader(Opcode.TEXT_RESPONSE, finalBit), text);
        if (continues) {
            header[1] |= 0x40;
        }
        Bhs.put64(header, Bhs.OFF_LUN, lun);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put32(header, 20, ttt);
    }

    public boolean continues() {
        return Bhs.bit(header, 1, 0x40);
    }

    public int targetTransferTag() {
        return Bhs.i32(header, 20);
    }
}
