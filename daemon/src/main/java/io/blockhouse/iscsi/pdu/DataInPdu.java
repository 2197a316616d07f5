package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/**
 * SCSI Data-In (0x25, RFC 7143 section 11.7). With the S bit the PDU also carries the command's status (phase
 * collapse) and then consumes a StatSN.
 */
public final class DataInPdu extends TargetPdu {
    public static final int FLAG_FINAL = 0x80;
    public static final int FLAG_OVERFLOW = 0x04;
    public static final int FLAG_UNDERFLOW = 0x02;
    public static final int FLAG_STATUS = 0x01;

    /**
     * @param flags any of the FLAG_* bits
     * @param data  this PDU's slice of the read data; ownership passes to the PDU
     */
    public DataInPdu(int flags, int status, long lun, int itt, int dataSN, int bufferOffset, int residualCount,
                     ByteBuf data) {
        super(newHeader(Opcode.DATA_IN, false), data);
        Bhs.put8(header, 1, flags & (FLAG_FINAL | FLAG_OVERFLOW | FLAG_UNDERFLOW | FLAG_STATUS));
        if ((flags & FLAG_STATUS) != 0) {
            Bhs.put8(header, 3, status);
            Bhs.put32(header, 44, residualCount);
        }
        Bhs.put64(header, Bhs.OFF_LUN, lun);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put32(header, 20, Bhs.NO_TAG);
        Bhs.put32(header, 36, dataSN);
        Bhs.put32(header, 40, bufferOffset);
    }

    public boolean statusPresent() {
        return Bhs.bit(header, 1, FLAG_STATUS);
    }

    public boolean overflow() {
        return Bhs.bit(header, 1, FLAG_OVERFLOW);
    }

    public boolean underflow() {
        return Bhs.bit(header, 1, FLAG_UNDERFLOW);
    }

    public int status() {
        return Bhs.u8(header, 3);
    }

    public int dataSN() {
        return Bhs.i32(header, 36);
    }

    public int bufferOffset() {
        return Bhs.i32(header, 40);
    }

    public int residualCount() {
        return Bhs.i32(header, 44);
    }

    @Override
    public boolean consumesStatSN() {
        return statusPresent();
    }

    @Override
    protected boolean carriesStatSN() {
        return statusPresent();
    }
}
