package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;

/** CDBs and parameter lists of the thin provisioning and offload commands, for tests. */
final class ThinCdbs {
    private ThinCdbs() {
    }

    static byte[] unmap(int parameterLength, boolean anchor) {
        return cdb(0x42, anchor ? 1 : 0, 0, 0, 0, 0, 0, parameterLength >>> 8, parameterLength);
    }

    /** An UNMAP parameter list with one descriptor per {lba, blocks} pair. */
    static byte[] unmapList(long... lbaBlocks) {
        int n = lbaBlocks.length / 2;
        byte[] p = new byte[8 + 16 * n];
        put(p, 0, 2, p.length - 2);
        put(p, 2, 2, 16L * n);
        for (int i = 0; i < n; i++) {
            put(p, 8 + 16 * i, 8, lbaBlocks[2 * i]);
            put(p, 8 + 16 * i + 8, 4, lbaBlocks[2 * i + 1]);
        }
        return p;
    }

    static byte[] writeSame10(long lba, int blocks, int byte1) {
        return cdb(0x41, byte1, (int) (lba >>> 24), (int) (lba >>> 16), (int) (lba >>> 8), (int) lba, 0,
                blocks >>> 8, blocks);
    }

    static byte[] writeSame16(long lba, long blocks, int byte1) {
        return ScsiHarness.rw16(0x93, lba, blocks, byte1);
    }

    static byte[] getLbaStatus(long lba, int allocationLength) {
        byte[] c = cdb(0x9E, 0x12);
        put(c, 2, 8, lba);
        put(c, 10, 4, allocationLength);
        return c;
    }

    static byte[] compareAndWrite(long lba, int blocks, int byte1) {
        byte[] c = cdb(0x89, byte1);
        put(c, 2, 8, lba);
        c[13] = (byte) blocks;
        return c;
    }

    static void put(byte[] b, int at, int len, long v) {
        for (int i = 0; i < len; i++) {
            b[at + i] = (byte) (v >>> (8 * (len - 1 - i)));
        }
    }

    static long get(byte[] b, int at, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
