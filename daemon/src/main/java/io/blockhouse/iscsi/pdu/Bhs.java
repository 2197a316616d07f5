package io.blockhouse.iscsi.pdu;

/**
 * Offsets and big-endian accessors for the 48-byte Basic Header Segment (RFC 7143 section 11.2.1). Every PDU keeps its
 * BHS as a plain {@code byte[]}: it is small, copied once out of the socket buffer, and lets the typed PDU classes
 * read their fields without holding a reference to pooled memory.
 */
public final class Bhs {
    public static final int LENGTH = 48;
    public static final int OFF_TOTAL_AHS = 4;
    public static final int OFF_DATA_SEGMENT_LENGTH = 5;
    public static final int OFF_LUN = 8;
    public static final int OFF_ITT = 16;
    /** StatSN, ExpCmdSN and MaxCmdSN sit at the same offsets in every target PDU that carries them. */
    public static final int OFF_STATSN = 24;
    public static final int OFF_EXPCMDSN = 28;
    public static final int OFF_MAXCMDSN = 32;
    /** The reserved "no tag" value used for ITT and TTT. */
    public static final int NO_TAG = 0xffffffff;

    private Bhs() {
    }

    public static int u8(byte[] h, int off) {
        return h[off] & 0xff;
    }

    public static int u16(byte[] h, int off) {
        return ((h[off] & 0xff) << 8) | (h[off + 1] & 0xff);
    }

    public static int u24(byte[] h, int off) {
        return ((h[off] & 0xff) << 16) | ((h[off + 1] & 0xff) << 8) | (h[off + 2] & 0xff);
    }

    public static int i32(byte[] h, int off) {
        return ((h[off] & 0xff) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
    }

    public static long i64(byte[] h, int off) {
        return ((long) i32(h, off) << 32) | (i32(h, off + 4) & 0xffffffffL);
    }

    public static void put8(byte[] h, int off, int v) {
        h[off] = (byte) v;
    }

    public static void put16(byte[] h, int off, int v) {
        h[off] = (byte) (v >>> 8);
        h[off + 1] = (byte) v;
    }

    public static void put24(byte[] h, int off, int v) {
        h[off] = (byte) (v >>> 16);
        h[off + 1] = (byte) (v >>> 8);
        h[off + 2] = (byte) v;
    }

    public static void put32(byte[] h, int off, int v) {
        h[off] = (byte) (v >>> 24);
        h[off + 1] = (byte) (v >>> 16);
        h[off + 2] = (byte) (v >>> 8);
        h[off + 3] = (byte) v;
    }

    public static void put64(byte[] h, int off, long v) {
        put32(h, off, (int) (v >>> 32));
        put32(h, off + 4, (int) v);
    }

    public static boolean bit(byte[] h, int off, int mask) {
        return (h[off] & mask) != 0;
    }
}
