package io.blockhouse.it.initiator;

/** Builders for the few CDBs the tests use (SPC-4 / SBC-3 layouts). */
public final class Cdbs {

    private Cdbs() {
    }

    public static byte[] testUnitReady() {
        return new byte[6];
    }

    public static byte[] inquiry(boolean evpd, int page, int allocationLength) {
        return new byte[] {0x12, (byte) (evpd ? 1 : 0), (byte) page, (byte) (allocationLength >>> 8),
            (byte) allocationLength, 0};
    }

    public static byte[] readCapacity16(int allocationLength) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x9e;
        cdb[1] = 0x10;
        putInt(cdb, 10, allocationLength);
        return cdb;
    }

    public static byte[] read10(long lba, int blocks) {
        return rw10(0x28, lba, blocks, false);
    }

    public static byte[] write10(long lba, int blocks, boolean fua) {
        return rw10(0x2a, lba, blocks, fua);
    }

    public static byte[] synchronizeCache10() {
        return new byte[] {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    private static byte[] rw10(int opcode, long lba, int blocks, boolean fua) {
        if (lba < 0 || lba > 0xffffffffL || blocks < 0 || blocks > 0xffff) {
            throw new IllegalArgumentException("out of 10-byte CDB range: lba " + lba + " blocks " + blocks);
        }
        byte[] cdb = new byte[10];
        cdb[0] = (byte) opcode;
        cdb[1] = (byte) (fua ? 0x08 : 0);
        putInt(cdb, 2, (int) lba);
        cdb[7] = (byte) (blocks >>> 8);
        cdb[8] = (byte) blocks;
        return cdb;
    }

    private static void putInt(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }
}
