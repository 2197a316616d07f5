package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** SCSI Data-Out (0x05, RFC 7143 section 11.7). */
public final class DataOutPdu extends IscsiPdu {
    public DataOutPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    /** 0xffffffff for unsolicited data, else the TTT of the R2T being answered. */
    public int targetTransferTag() {
        return Bhs.i32(header, 20);
    }

    public int expStatSN() {
        return Bhs.i32(header, 28);
    }

    public int dataSN() {
        return Bhs.i32(header, 36);
    }

    public int bufferOffset() {
        return Bhs.i32(header, 40);
    }
}
