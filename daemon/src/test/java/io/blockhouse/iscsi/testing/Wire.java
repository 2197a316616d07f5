package io.blockhouse.iscsi.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Byte-level builders for initiator PDUs, written independently of the production encoder so tests check the wire
 * format rather than the code against itself.
 */
public final class Wire {
    public static final int NO_TAG = 0xffffffff;

    private Wire() {
    }

    public static byte[] bhs(int opcode, boolean immediate, int flags) {
        byte[] h = new byte[48];
        h[0] = (byte) ((immediate ? 0x40 : 0) | (opcode & 0x3f));
        h[1] = (byte) flags;
        return h;
    }

    public static void put32(byte[] h, int off, int v) {
        h[off] = (byte) (v >>> 24);
        h[off + 1] = (byte) (v >>> 16);
        h[off + 2] = (byte) (v >>> 8);
        h[off + 3] = (byte) v;
    }

    public static void put16(byte[] h, int off, int v) {
        h[off] = (byte) (v >>> 8);
        h[off + 1] = (byte) v;
    }

    public static void put64(byte[] h, int off, long v) {
        put32(h, off, (int) (v >>> 32));
        put32(h, off + 4, (int) v);
    }

    public static int get32(byte[] h, int off) {
        return ((h[off] & 0xff) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
    }

    public static int get16(byte[] h, int off) {
        return ((h[off] & 0xff) << 8) | (h[off + 1] & 0xff);
    }

    public static int crc(byte[]... parts) {
        CRC32C c = new CRC32C();
        for (byte[] p : parts) {
            c.update(p);
        }
        return (int) c.getValue();
    }

    private static void writeLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** A complete PDU on the wire: header (+AHS, +digest), data, padding (+digest). */
    public static byte[] frame(byte[] bhs, byte[] ahs, byte[] data, boolean headerDigest, boolean dataDigest) {
        byte[] h = bhs.clone();
        h[4] = (byte) (ahs.length / 4);
        h[5] = (byte) (data.length >>> 16);
        h[6] = (byte) (data.length >>> 8);
        h[7] = (byte) data.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(ahs);
        if (headerDigest) {
            writeLE(out, crc(h, ahs));
        }
        if (data.length > 0) {
            int pad = (4 - data.length % 4) % 4;
            byte[] padded = new byte[data.length + pad];
            System.arraycopy(data, 0, padded, 0, data.length);
            out.writeBytes(padded);
            if (dataDigest) {
                writeLE(out, crc(padded));
            }
        }
        return out.toByteArray();
    }

    public static byte[] frame(byte[] bhs, byte[] data) {
        return frame(bhs, new byte[0], data, false, false);
    }

    public static byte[] text(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (String p : pairs) {
            sb.append(p).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] login(boolean transit, boolean cont, int csg, int nsg, byte[] isid, int tsih, int itt,
                               int cmdSN, int expStatSN) {
        byte[] h = bhs(0x03, true, (transit ? 0x80 : 0) | (cont ? 0x40 : 0) | (csg << 2) | nsg);
        System.arraycopy(isid, 0, h, 8, 6);
        put16(h, 14, tsih);
        put32(h, 16, itt);
        put32(h, 24, cmdSN);
        put32(h, 28, expStatSN);
        return h;
    }

    public static byte[] scsiCommand(boolean immediate, boolean fin, boolean read, boolean write, long lun, int itt,
                                     int edtl, int cmdSN, byte[] cdb) {
        byte[] h = bhs(0x01, immediate, (fin ? 0x80 : 0) | (read ? 0x40 : 0) | (write ? 0x20 : 0) | 1);
        put64(h, 8, lun);
        put32(h, 16, itt);
        put32(h, 20, edtl);
        put32(h, 24, cmdSN);
        System.arraycopy(cdb, 0, h, 32, Math.min(16, cdb.length));
        return h;
    }

    public static byte[] dataOut(boolean fin, long lun, int itt, int ttt, int dataSN, int offset) {
        byte[] h = bhs(0x05, false, fin ? 0x80 : 0);
        put64(h, 8, lun);
        put32(h, 16, itt);
        put32(h, 20, ttt);
        put32(h, 36, dataSN);
        put32(h, 40, offset);
        return h;
    }

    public static byte[] nopOut(boolean immediate, int itt, int ttt, int cmdSN) {
        byte[] h = bhs(0x00, immediate, 0x80);
        put32(h, 16, itt);
        put32(h, 20, ttt);
        put32(h, 24, cmdSN);
        return h;
    }

    public static byte[] taskManagement(boolean immediate, int function, long lun, int itt, int rtt, int cmdSN,
                                        int refCmdSN) {
        byte[] h = bhs(0x02, immediate, 0x80 | function);
        put64(h, 8, lun);
        put32(h, 16, itt);
        put32(h, 20, rtt);
        put32(h, 24, cmdSN);
        put32(h, 32, refCmdSN);
        return h;
    }

    public static byte[] textRequest(boolean immediate, boolean fin, boolean cont, int itt, int ttt, int cmdSN) {
        byte[] h = bhs(0x04, immediate, (fin ? 0x80 : 0) | (cont ? 0x40 : 0));
        put32(h, 16, itt);
        put32(h, 20, ttt);
        put32(h, 24, cmdSN);
        return h;
    }

    public static byte[] logout(boolean immediate, int reason, int itt, int cid, int cmdSN) {
        byte[] h = bhs(0x06, immediate, 0x80 | reason);
        put32(h, 16, itt);
        put16(h, 20, cid);
        put32(h, 24, cmdSN);
        return h;
    }

    /** READ(10) / WRITE(10) CDBs. */
    public static byte[] rw10(int opcode, int lba, int blocks) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) opcode;
        put32(cdb, 2, lba);
        put16(cdb, 7, blocks);
        return cdb;
    }
}
