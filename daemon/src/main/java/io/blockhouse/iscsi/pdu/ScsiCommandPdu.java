package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/**
 * SCSI Command (0x01, RFC 7143 section 11.3). The CDB is the BHS's 16 bytes followed by an Extended CDB AHS if one
 * was sent; the data segment holds immediate data.
 */
public final class ScsiCommandPdu extends IscsiPdu {
    private final byte[] cdb;
    private final boolean bidirectionalAhs;

    /**
     * @param cdb              the full CDB (BHS part plus extended CDB AHS)
     * @param bidirectionalAhs whether a Bidirectional Expected Read-Data Length AHS was present
     */
    public ScsiCommandPdu(byte[] header, byte[] cdb, boolean bidirectionalAhs, ByteBuf data) {
        super(header, data);
        this.cdb = cdb;
        this.bidirectionalAhs = bidirectionalAhs;
    }

    public boolean readBit() {
        return Bhs.bit(header, 1, 0x40);
    }

    public boolean writeBit() {
        return Bhs.bit(header, 1, 0x20);
    }

    public int attribute() {
        return header[1] & 0x07;
    }

    public int expectedDataTransferLength() {
        return Bhs.i32(header, 20);
    }

    public int cmdSN() {
        return Bhs.i32(header, 24);
    }

    public int expStatSN() {
        return Bhs.i32(header, 28);
    }

    /** The CDB; callers must not modify it. */
    public byte[] cdb() {
        return cdb;
    }

    public boolean bidirectionalAhs() {
        return bidirectionalAhs;
    }
}
