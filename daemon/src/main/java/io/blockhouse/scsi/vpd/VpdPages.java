package io.blockhouse.scsi.vpd;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.NexusView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The vital product data pages (SPC-4 7.8, SBC-3 6.5) of a logical unit. */
public final class VpdPages {
    public static final int SUPPORTED_PAGES = 0x00;
    public static final int UNIT_SERIAL_NUMBER = 0x80;
    public static final int DEVICE_IDENTIFICATION = 0x83;
    public static final int BLOCK_LIMITS = 0xB0;
    public static final int BLOCK_DEVICE_CHARACTERISTICS = 0xB1;
    public static final int LOGICAL_BLOCK_PROVISIONING = 0xB2;

    static final int[] PAGES = {SUPPORTED_PAGES, UNIT_SERIAL_NUMBER, DEVICE_IDENTIFICATION, BLOCK_LIMITS,
        BLOCK_DEVICE_CHARACTERISTICS, LOGICAL_BLOCK_PROVISIONING};

    /** Largest READ/WRITE transfer we accept, in bytes (block limits MAXIMUM TRANSFER LENGTH). */
    public static final int MAX_TRANSFER_BYTES = 8 * 1024 * 1024;

    /** MAXIMUM UNMAP LBA COUNT: blocks one UNMAP may release (libiscsi calls more than 2^20 insane). */
    public static final int MAX_UNMAP_BLOCKS = 1 << 20;

    /** MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT. */
    public static final int MAX_UNMAP_DESCRIPTORS = 256;

    /** MAXIMUM COMPARE AND WRITE LENGTH, in blocks (a one-byte field). */
    public static final int MAX_COMPARE_AND_WRITE_BLOCKS = 255;

    /**
     * MAXIMUM WRITE SAME LENGTH, in blocks: what WRITE SAME (10) can express, for WRITE SAME (16) too (Linux LIO's
     * default as well). It bounds the time one WRITE SAME holds its range lock and an I/O thread.
     */
    public static final long MAX_WRITE_SAME_BLOCKS = 0xFFFF;

    /** MAXIMUM ATOMIC TRANSFER LENGTH, in bytes: WRITE ATOMIC holds its range lock for one write of this much. */
    public static final int MAX_ATOMIC_TRANSFER_BYTES = 1 << 20;

    /** OPTIMAL TRANSFER LENGTH hint, in bytes. */
    public static final int OPTIMAL_TRANSFER_BYTES = 1024 * 1024;

    private static final int PROTOCOL_ISCSI = 0x5;
    private static final int CODE_SET_BINARY = 0x1;
    private static final int CODE_SET_UTF8 = 0x3;
    private static final int ASSOC_LU = 0x0;
    private static final int ASSOC_TARGET_PORT = 0x1;
    private static final int ASSOC_TARGET_DEVICE = 0x2;
    private static final int TYPE_RELATIVE_TARGET_PORT = 0x4;
    private static final int TYPE_TARGET_PORT_GROUP = 0x5;
    private static final int TYPE_NAA = 0x3;
    private static final int TYPE_SCSI_NAME = 0x8;
    private static final int PIV = 0x80;

    private VpdPages() {
    }

    public static boolean supports(int page) {
        for (int p : PAGES) {
            if (p == page) {
                return true;
            }
        }
        return false;
    }

    /** Maximum transfer length in logical blocks for a block size. */
    public static int maxTransferBlocks(int blockSize) {
        return MAX_TRANSFER_BYTES / blockSize;
    }

    /** MAXIMUM WRITE SAME LENGTH in logical blocks, whatever the block size. */
    public static long maxWriteSameBlocks(int blockSize) {
        return MAX_WRITE_SAME_BLOCKS;
    }

    /** MAXIMUM ATOMIC TRANSFER LENGTH in logical blocks for a block size. */
    public static int maxAtomicTransferBlocks(int blockSize) {
        return MAX_ATOMIC_TRANSFER_BYTES / blockSize;
    }

    /** The page, or null when {@code page} is not supported. */
    public static byte[] page(int page, LogicalUnitSpec spec, BlockBackend backend, NexusView nexus) {
        int physicalBlockSize = backend.physicalBlockSize();
        Provisioning provisioning = Provisioning.of(backend, spec.logicalBlockSize());
        return switch (page) {
            case SUPPORTED_PAGES -> supportedPages();
            case UNIT_SERIAL_NUMBER -> serial(spec);
            case DEVICE_IDENTIFICATION -> deviceIdentification(spec, nexus);
            case BLOCK_LIMITS -> blockLimits(spec, physicalBlockSize, provisioning);
            case BLOCK_DEVICE_CHARACTERISTICS -> blockDeviceCharacteristics(spec, provisioning);
            case LOGICAL_BLOCK_PROVISIONING -> logicalBlockProvisioning(provisioning);
            default -> null;
        };
    }

    private static byte[] header(int page, int length) {
        byte[] d = new byte[4 + length];
        d[1] = (byte) page;
        Bytes.put16(d, 2, length);
        return d;
    }

    static byte[] supportedPages() {
        byte[] d = header(SUPPORTED_PAGES, PAGES.length);
        for (int i = 0; i < PAGES.length; i++) {
            d[4 + i] = (byte) PAGES[i];
        }
        return d;
    }

    static byte[] serial(LogicalUnitSpec spec) {
        byte[] s = spec.serial().getBytes(StandardCharsets.US_ASCII);
        byte[] d = header(UNIT_SERIAL_NUMBER, s.length);
        System.arraycopy(s, 0, d, 4, s.length);
        return d;
    }

    static byte[] deviceIdentification(LogicalUnitSpec spec, NexusView nexus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        designator(out, 0, CODE_SET_BINARY, ASSOC_LU, TYPE_NAA, spec.naaId());
        designator(out, PROTOCOL_ISCSI, CODE_SET_UTF8, ASSOC_TARGET_PORT, TYPE_SCSI_NAME,
                scsiNameString(nexus.targetPortName()));
        byte[] rel = new byte[4];
        Bytes.put16(rel, 2, nexus.relativeTargetPortId());
        designator(out, PROTOCOL_ISCSI, CODE_SET_BINARY, ASSOC_TARGET_PORT, TYPE_RELATIVE_TARGET_PORT, rel);
        var group = nexus.portGroups().current().groupOf(nexus.relativeTargetPortId());
        if (group.isPresent()) {
            byte[] tpg = new byte[4];
            Bytes.put16(tpg, 2, group.get().id());
            designator(out, PROTOCOL_ISCSI, CODE_SET_BINARY, ASSOC_TARGET_PORT, TYPE_TARGET_PORT_GROUP, tpg);
        }
        designator(out, PROTOCOL_ISCSI, CODE_SET_UTF8, ASSOC_TARGET_DEVICE, TYPE_SCSI_NAME,
                scsiNameString(nexus.targetDeviceName()));
        byte[] body = out.toByteArray();
        byte[] d = header(DEVICE_IDENTIFICATION, body.length);
        System.arraycopy(body, 0, d, 4, body.length);
        return d;
    }

    /** SCSI name string: UTF-8, null terminated, padded with nulls to a multiple of four bytes (SPC-4 7.8.6.11). */
    static byte[] scsiNameString(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int len = (utf8.length + 1 + 3) & ~3;
        byte[] d = new byte[Math.min(len, 252)];
        System.arraycopy(utf8, 0, d, 0, Math.min(utf8.length, d.length - 1));
        return d;
    }

    private static void designator(ByteArrayOutputStream out, int protocol, int codeSet, int association, int type,
                                   byte[] value) {
        boolean piv = protocol != 0 && (association == ASSOC_TARGET_PORT || association == ASSOC_TARGET_DEVICE);
        out.write((protocol << 4) | codeSet);
        out.write((piv ? PIV : 0) | (association << 4) | type);
        out.write(0);
        out.write(value.length);
        out.write(value, 0, value.length);
    }

    static byte[] blockLimits(LogicalUnitSpec spec, int physicalBlockSize, Provisioning provisioning) {
        int bs = spec.logicalBlockSize();
        byte[] d = header(BLOCK_LIMITS, 0x3C);
        // WSNZ (byte 4 bit 0) stays 0: WRITE SAME with 0 blocks means "to the end of the medium".
        d[5] = (byte) MAX_COMPARE_AND_WRITE_BLOCKS;
        // OPTIMAL TRANSFER LENGTH GRANULARITY: the larger of the back-end's sector and the reported physical block.
        Bytes.put16(d, 6, Math.max(1, Math.max(physicalBlockSize, spec.physicalBlockSize()) / bs));
        Bytes.put32(d, 8, maxTransferBlocks(bs));
        Bytes.put32(d, 12, OPTIMAL_TRANSFER_BYTES / bs);
        Bytes.put32(d, 16, maxTransferBlocks(bs)); // maximum prefetch length
        if (provisioning.thin()) {
            Bytes.put32(d, 20, MAX_UNMAP_BLOCKS);
            Bytes.put32(d, 24, MAX_UNMAP_DESCRIPTORS);
            Bytes.put32(d, 28, provisioning.granularityBlocks());
            // UGAVALID with alignment 0: holes line up with file system blocks, which start at LBA 0.
            Bytes.put32(d, 32, 0x80000000L);
        }
        Bytes.put64(d, 36, maxWriteSameBlocks(bs));
        Bytes.put32(d, 44, maxAtomicTransferBlocks(bs));
        Bytes.put32(d, 48, 1); // atomic alignment: any LBA
        Bytes.put32(d, 52, 1); // atomic transfer length granularity: any number of blocks
        return d;
    }

    static byte[] blockDeviceCharacteristics(LogicalUnitSpec spec, Provisioning provisioning) {
        byte[] d = header(BLOCK_DEVICE_CHARACTERISTICS, 0x3C);
        Bytes.put16(d, 4, spec.rotational() ? 0 : 1); // 0: rate not reported, 1: non-rotating medium
        if (provisioning.thin() && provisioning.readsZeros()) {
            // WABEREQ 01b: after SANITIZE BLOCK ERASE reads succeed (and return zeros: the blocks are released).
            d[7] = 0x40;
        }
        return d;
    }

    static byte[] logicalBlockProvisioning(Provisioning provisioning) {
        byte[] d = header(LOGICAL_BLOCK_PROVISIONING, 4);
        if (provisioning.thin()) {
            // THRESHOLD EXPONENT 0 (no thresholds); LBPU, LBPWS, LBPWS10, LBPRZ; ANC_SUP 0; PROVISIONING TYPE 2.
            d[5] = (byte) (0x80 | 0x40 | 0x20 | (provisioning.readsZeros() ? 0x04 : 0));
            d[6] = 0x02;
        }
        return d;
    }
}
