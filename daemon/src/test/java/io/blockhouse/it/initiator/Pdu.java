package io.blockhouse.it.initiator;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One iSCSI PDU as the test initiator sees it: the 48-byte Basic Header Segment, optional AHS and the data segment
 * (without padding or digests, which belong to the wire encoding, see {@link PduCodec}). Field accessors take the
 * byte offsets of RFC 7143 section 11 so that tests can build any PDU, including malformed ones.
 */
public final class Pdu {

    /** Length of the Basic Header Segment. */
    public static final int BHS_LENGTH = 48;

    private final byte[] bhs;
    private byte[] ahs = new byte[0];
    private byte[] data = new byte[0];
    /** When non-negative, written as DataSegmentLength instead of the real data length (for hostile tests). */
    private int declaredDataLength = -1;

    private Pdu(byte[] bhs) {
        this.bhs = bhs;
    }

    /** A zeroed PDU with this opcode; {@code immediate} sets the I bit. */
    public static Pdu of(int opcode, boolean immediate) {
        Pdu pdu = new Pdu(new byte[BHS_LENGTH]);
        pdu.bhs[0] = (byte) ((immediate ? 0x40 : 0) | (opcode & 0x3f));
        return pdu;
    }

    /** A PDU around a received header (copied); AHS and data set separately. */
    public static Pdu fromHeader(byte[] header) {
        if (header.length != BHS_LENGTH) {
            throw new IllegalArgumentException("BHS must be 48 bytes, got " + header.length);
        }
        return new Pdu(header.clone());
    }

    public int opcode() {
        return bhs[0] & 0x3f;
    }

    public boolean immediate() {
        return (bhs[0] & 0x40) != 0;
    }

    public int flags() {
        return bhs[1] & 0xff;
    }

    public Pdu flags(int flags) {
        bhs[1] = (byte) flags;
        return this;
    }

    public boolean finalBit() {
        return (flags() & 0x80) != 0;
    }

    public int byteAt(int offset) {
        return bhs[offset] & 0xff;
    }

    public Pdu byteAt(int offset, int value) {
        bhs[offset] = (byte) value;
        return this;
    }

    public int shortAt(int offset) {
        return ((bhs[offset] & 0xff) << 8) | (bhs[offset + 1] & 0xff);
    }

    public Pdu shortAt(int offset, int value) {
        bhs[offset] = (byte) (value >>> 8);
        bhs[offset + 1] = (byte) value;
        return this;
    }

    /** Big-endian 32-bit field at {@code offset}. */
    public int intAt(int offset) {
        return ((bhs[offset] & 0xff) << 24) | ((bhs[offset + 1] & 0xff) << 16) | ((bhs[offset + 2] & 0xff) << 8)
                | (bhs[offset + 3] & 0xff);
    }

    public Pdu intAt(int offset, int value) {
        bhs[offset] = (byte) (value >>> 24);
        bhs[offset + 1] = (byte) (value >>> 16);
        bhs[offset + 2] = (byte) (value >>> 8);
        bhs[offset + 3] = (byte) value;
        return this;
    }

    /** Unsigned 32-bit field as a long (sequence numbers, lengths). */
    public long uintAt(int offset) {
        return intAt(offset) & 0xffffffffL;
    }

    public Pdu bytesAt(int offset, byte[] value) {
        System.arraycopy(value, 0, bhs, offset, value.length);
        return this;
    }

    public byte[] bytesAt(int offset, int length) {
        return Arrays.copyOfRange(bhs, offset, offset + length);
    }

    /** The 8-byte LUN field (bytes 8..15) set from a LUN number in the SAM single-level format. */
    public Pdu lun(int lun) {
        return bytesAt(8, Luns.encode(lun));
    }

    public int initiatorTaskTag() {
        return intAt(16);
    }

    public Pdu initiatorTaskTag(int itt) {
        return intAt(16, itt);
    }

    /** TotalAHSLength as it appears in the header (in 4-byte words). */
    public int totalAhsLengthField() {
        return bhs[4] & 0xff;
    }

    /** DataSegmentLength as it appears in the header. */
    public int dataSegmentLengthField() {
        return ((bhs[5] & 0xff) << 16) | ((bhs[6] & 0xff) << 8) | (bhs[7] & 0xff);
    }

    /** Makes the header claim {@code length} bytes of data whatever the real data is (hostile tests). */
    public Pdu declaredDataLength(int length) {
        if (length < 0 || length > 0xffffff) {
            throw new IllegalArgumentException("DataSegmentLength is a 24-bit field");
        }
        this.declaredDataLength = length;
        return this;
    }

    public byte[] ahs() {
        return ahs;
    }

    public Pdu ahs(byte[] ahs) {
        if (ahs.length % 4 != 0 || ahs.length > 255 * 4) {
            throw new IllegalArgumentException("AHS length must be a multiple of 4 up to 1020");
        }
        this.ahs = ahs;
        return this;
    }

    public byte[] data() {
        return data;
    }

    public Pdu data(byte[] data) {
        if (data.length > 0xffffff) {
            throw new IllegalArgumentException("data segment longer than 2^24-1");
        }
        this.data = data;
        return this;
    }

    /** The BHS with TotalAHSLength and DataSegmentLength filled in from the actual segments (or the override). */
    public byte[] headerForWire() {
        byte[] header = bhs.clone();
        header[4] = (byte) (ahs.length / 4);
        int length = declaredDataLength >= 0 ? declaredDataLength : data.length;
        header[5] = (byte) (length >>> 16);
        header[6] = (byte) (length >>> 8);
        header[7] = (byte) length;
        return header;
    }

    @Override
    public String toString() {
        return Opcodes.name(opcode()) + (immediate() ? " (I)" : "") + " flags=0x" + Integer.toHexString(flags())
                + " itt=0x" + Integer.toHexString(initiatorTaskTag()) + " dataLength=" + data.length
                + " bhs=" + HexFormat.of().formatHex(bhs);
    }
}
