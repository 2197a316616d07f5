package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/**
 * A PDU the target sends. The connection stamps StatSN, ExpCmdSN and MaxCmdSN just before writing it (they sit at the
 * same BHS offsets in every target PDU), so the typed subclasses only carry their own fields.
 */
public abstract class TargetPdu extends IscsiPdu {
    protected TargetPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    /** Whether sending this PDU consumes a StatSN (status-bearing PDUs do; R2T, plain Data-In and pings don't). */
    public boolean consumesStatSN() {
        return true;
    }

    /** Whether the StatSN field is meaningful for this PDU (else it stays zero). */
    protected boolean carriesStatSN() {
        return true;
    }

    /** Fills the sequence-number fields. Called once by the connection right before the write. */
    public final void stamp(int statSN, int expCmdSN, int maxCmdSN) {
        if (carriesStatSN()) {
            Bhs.put32(header, Bhs.OFF_STATSN, statSN);
        }
        Bhs.put32(header, Bhs.OFF_EXPCMDSN, expCmdSN);
        Bhs.put32(header, Bhs.OFF_MAXCMDSN, maxCmdSN);
    }

    public final int statSN() {
        return Bhs.i32(header, Bhs.OFF_STATSN);
    }

    public final int expCmdSN() {
        return Bhs.i32(header, Bhs.OFF_EXPCMDSN);
    }

    public final int maxCmdSN() {
        return Bhs.i32(header, Bhs.OFF_MAXCMDSN);
    }
}
