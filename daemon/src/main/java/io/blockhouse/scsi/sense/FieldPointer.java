package io.blockhouse.scsi.sense;

/**
 * The sense-key-specific field pointer of an ILLEGAL REQUEST (SPC-4 4.5.2.4.2): which byte, and optionally which
 * bit, of the CDB or of the parameter list the device server rejected.
 *
 * @param inCdb     true for a CDB field (C/D=1), false for a parameter list field
 * @param byteIndex offset of the byte holding the field (its most significant byte for multi-byte fields)
 * @param bitIndex  leftmost bit of the field inside that byte, or -1 when the whole byte is meant (BPV=0)
 */
public record FieldPointer(boolean inCdb, int byteIndex, int bitIndex) {

    public FieldPointer {
        if (byteIndex < 0 || byteIndex > 0xFFFF || bitIndex < -1 || bitIndex > 7) {
            throw new IllegalArgumentException("bad field pointer " + byteIndex + "/" + bitIndex);
        }
    }

    public static FieldPointer cdb(int byteIndex, int bitIndex) {
        return new FieldPointer(true, byteIndex, bitIndex);
    }

    public static FieldPointer parameter(int byteIndex, int bitIndex) {
        return new FieldPointer(false, byteIndex, bitIndex);
    }

    /** The three sense-key-specific bytes: SKSV, C/D, BPV, bit pointer, then the 16-bit field pointer. */
    byte[] encode() {
        int b0 = 0x80 | (inCdb ? 0x40 : 0) | (bitIndex >= 0 ? 0x08 | bitIndex : 0);
        return new byte[] {(byte) b0, (byte) (byteIndex >> 8), (byte) byteIndex};
    }
}
