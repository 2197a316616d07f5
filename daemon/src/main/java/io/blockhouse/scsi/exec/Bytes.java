package io.blockhouse.scsi.exec;

/** Big-endian field access for CDBs and parameter data (SCSI is big-endian throughout). */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    public static int u24(byte[] b, int i) {
        return (u8(b, i) << 16) | u16(b, i + 1);
    }

    public static long u32(byte[] b, int i) {
        return ((long) u8(b, i) << 24) | u24(b, i + 1);
    }

    public static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void put32(byte[] b, int i, long v) {
        put16(b, i, (int) (v >>> 16));
        put16(b, i + 2, (int) v);
    }

    public static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }

    /** Copies {@code text} as ASCII into a space-padded field of {@code len} bytes (SPC-4 4.4.1). */
    public static void putAscii(byte[] b, int i, int len, String text) {
        for (int k = 0; k < len; k++) {
            char c = k < text.length() ? text.charAt(k) : ' ';
            b[i + k] = (byte) (c >= 0x20 && c <= 0x7E ? c : ' ');
        }
    }
}
