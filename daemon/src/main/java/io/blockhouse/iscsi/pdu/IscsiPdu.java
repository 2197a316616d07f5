package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import java.util.Objects;

/**
 * Base of every iSCSI PDU: the 48-byte BHS as a byte array plus a reference-counted data segment.
 *
 * <p>Ownership: a PDU owns its data segment. Whoever holds the PDU releases it exactly once (releasing the PDU
 * releases the data segment). Inbound PDUs are produced by {@link IscsiFrameDecoder} with a reference count of one and
 * passed up the pipeline; outbound PDUs are released by {@link PduEncoder} after their bytes are queued. Code that
 * wants to keep the data beyond the PDU's life calls {@code data().retain()} (or {@link #takeData()}).
 */
public abstract class IscsiPdu extends AbstractReferenceCounted {
    protected final byte[] header;
    private ByteBuf data;
    private PduDefect defect = PduDefect.NONE;

    protected IscsiPdu(byte[] header, ByteBuf data) {
        if (header.length != Bhs.LENGTH) {
            throw new IllegalArgumentException("BHS must be 48 bytes, got " + header.length);
        }
        this.header = header;
        this.data = data == null ? Unpooled.EMPTY_BUFFER : data;
    }

    /** A fresh header for an outbound PDU with the opcode and the F bit set (every target PDU but Data-In sets it). */
    protected static byte[] newHeader(int opcode, boolean finalBit) {
        byte[] h = new byte[Bhs.LENGTH];
        h[0] = (byte) (opcode & 0x3f);
        if (finalBit) {
            h[1] = (byte) 0x80;
        }
        return h;
    }

    public final int opcode() {
        return header[0] & 0x3f;
    }

    /** The I bit: immediate delivery (initiator PDUs only). */
    public final boolean immediate() {
        return (header[0] & 0x40) != 0;
    }

    /** The F bit. */
    public final boolean finalBit() {
        return (header[1] & 0x80) != 0;
    }

    public final int totalAhsLength() {
        return Bhs.u8(header, Bhs.OFF_TOTAL_AHS) * 4;
    }

    /** DataSegmentLength as the header states it (also when the payload was dropped for a defect). */
    public final int dataSegmentLength() {
        return Bhs.u24(header, Bhs.OFF_DATA_SEGMENT_LENGTH);
    }

    public final int initiatorTaskTag() {
        return Bhs.i32(header, Bhs.OFF_ITT);
    }

    public final long lun() {
        return Bhs.i64(header, Bhs.OFF_LUN);
    }

    /** The data segment (never null; empty when the PDU has none). Owned by this PDU. */
    public final ByteBuf data() {
        return data;
    }

    /**
     * Hands the data segment to the caller, who then owns it and must release it; the PDU keeps an empty segment.
     */
    public final ByteBuf takeData() {
        ByteBuf d = data;
        data = Unpooled.EMPTY_BUFFER;
        return d;
    }

    /** A copy of the BHS (Reject PDUs carry it back to the initiator). */
    public final byte[] headerCopy() {
        return header.clone();
    }

    /** The BHS as it goes on the wire, DataSegmentLength filled in from the data segment. Not a copy. */
    final byte[] wireHeader() {
        Bhs.put24(header, Bhs.OFF_DATA_SEGMENT_LENGTH, data.readableBytes());
        return header;
    }

    public final PduDefect defect() {
        return defect;
    }

    final void defect(PduDefect defect) {
        this.defect = Objects.requireNonNull(defect);
    }

    @Override
    protected final void deallocate() {
        ByteBuf d = data;
        data = Unpooled.EMPTY_BUFFER;
        d.release();
    }

    @Override
    public IscsiPdu touch(Object hint) {
        data.touch(hint);
        return this;
    }

    @Override
    public IscsiPdu retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[itt=0x" + Integer.toHexString(initiatorTaskTag()) + ", data="
                + data.readableBytes() + "]";
    }
}
