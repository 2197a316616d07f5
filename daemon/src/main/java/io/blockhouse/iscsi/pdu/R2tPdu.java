package io.blockhouse.iscsi.pdu;

/** Ready To Transfer (0x31, RFC 7143 section 11.8). Carries the current StatSN without consuming it. */
public final class R2tPdu extends TargetPdu {
    public R2tPdu(long lun, int itt, int ttt, int r2tSN, int bufferOffset, int desiredLength) {
        super(newHeader(Opcode.R2T, true), null);
        Bhs.put64(header, Bhs.OFF_LUN, lun);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
        Bhs.put32(header, 20, ttt);
        Bhs.put32(header, 36, r2tSN);
        Bhs.put32(header, 40, bufferOffset);
        Bhs.put32(header, 44, desiredLength);
    }

    public int targetTransferTag() {
        return Bhs.i32(header, 20);
    }

    public int r2tSN() {
        return Bhs.i32(header, 36);
    }

    public int bufferOffset() {
        return Bhs.i32(header, 40);
    }

    public int desiredDataTransferLength() {
        return Bhs.i32(header, 44);
    }

    @Override
    public boolean consumesStatSN() {
        return false;
    }
}
