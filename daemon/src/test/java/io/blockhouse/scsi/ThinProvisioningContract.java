package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UNMAP, WRITE SAME and the provisioning VPD/READ CAPACITY bits on a thin unit, whatever its back-end. */
abstract class ThinProvisioningContract {
    static final long BLOCKS = 4096;

    BackendHarness h;
    Nexus nexus;

    abstract BackendHarness harness() throws IOException;

    @BeforeEach
    void open() throws IOException {
        h = harness();
        nexus = h.openReady(ScsiHarness.INITIATOR_A, 1);
    }

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    @Test
    void provisioningPageReportsThinWithUnmapAndZeroReads() {
        byte[] d = dataIn(h.run(nexus, cdb(0x12, 1, 0xB2, 0, 64, 0)));
        assertArrayEquals(new byte[] {0, (byte) 0xB2, 0, 4, 0, (byte) 0xE4, 0x02, 0}, d);
    }

    @Test
    void readCapacity16ReportsLbpmeAndLbprz() {
        byte[] d = dataIn(h.run(nexus, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0)));
        assertEquals(BLOCKS - 1, get(d, 0, 8));
        assertEquals(0xC0, d[14] & 0xC0);
    }

    @Test
    void blockLimitsAdvertiseUnmapAndCompareAndWrite() {
        byte[] d = dataIn(h.run(nexus, cdb(0x12, 1, 0xB0, 0, 64, 0)));
        assertEquals(255, d[5] & 0xFF, "MAXIMUM COMPARE AND WRITE LENGTH");
        assertEquals(1 << 20, get(d, 20, 4), "MAXIMUM UNMAP LBA COUNT");
        assertEquals(256, get(d, 24, 4), "MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT");
        assertEquals(0xFFFF, get(d, 36, 8), "MAXIMUM WRITE SAME LENGTH: what WRITE SAME (10) can express");
    }

    @Test
    void unmappedBlocksReadAsZerosAndOthersKeepTheirData() {
        byte[] data = pattern(64 * 512, 7);
        h.write(nexus, 0, data);
        byte[] list = ThinCdbs.unmapList(8, 16, 40, 8);
        assertGood(h.run(nexus, ThinCdbs.unmap(list.length, false), list));
        byte[] expected = data.clone();
        Arrays.fill(expected, 8 * 512, 24 * 512, (byte) 0);
        Arrays.fill(expected, 40 * 512, 48 * 512, (byte) 0);
        assertArrayEquals(expected, h.read(nexus, 0, 64));
    }

    @Test
    void badDescriptorUnmapsNothing() {
        byte[] data = pattern(16 * 512, 3);
        h.write(nexus, 0, data);
        byte[] list = ThinCdbs.unmapList(0, 8, BLOCKS - 4, 8);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(list.length, false), list), 0x5, 0x21, 0x00);
        assertArrayEquals(data, h.read(nexus, 0, 16));
    }

    @Test
    void unmapParameterErrors() {
        byte[] list = ThinCdbs.unmapList(0, 8);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(list.length, true), list), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(4, false), Arrays.copyOf(list, 4)), 0x5, 0x1A, 0x00);
        assertGood(h.run(nexus, ThinCdbs.unmap(0, false)));
        long[] many = new long[2 * 257];
        for (int i = 0; i < 257; i++) {
            many[2 * i] = i;
            many[2 * i + 1] = 1;
        }
        byte[] tooMany = ThinCdbs.unmapList(many);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(tooMany.length, false), tooMany), 0x5, 0x26, 0x00);
        byte[] tooLarge = ThinCdbs.unmapList(0, (1 << 20) + 1);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(tooLarge.length, false), tooLarge), 0x5, 0x26,
                0x00);
    }

    @Test
    void writeSameReplicatesTheBlock() {
        byte[] block = pattern(512, 11);
        assertGood(h.run(nexus, ThinCdbs.writeSame10(100, 3000, 0), block));
        byte[] back = h.read(nexus, 100, 3000);
        for (int i = 0; i < 3000; i++) {
            assertArrayEquals(block, Arrays.copyOfRange(back, i * 512, (i + 1) * 512), "block " + i);
        }
        assertArrayEquals(new byte[512], h.read(nexus, 99, 1));
        assertArrayEquals(new byte[512], h.read(nexus, 3100, 1));
    }

    @Test
    void writeSameZeroWithUnmapReleasesAndReadsZeros() {
        h.write(nexus, 0, pattern(32 * 512, 1));
        assertGood(h.run(nexus, ThinCdbs.writeSame16(4, 8, 0x08), new byte[512]));
        byte[] back = h.read(nexus, 0, 32);
        assertArrayEquals(new byte[8 * 512], Arrays.copyOfRange(back, 4 * 512, 12 * 512));
        assertArrayEquals(Arrays.copyOfRange(pattern(32 * 512, 1), 12 * 512, 32 * 512),
                Arrays.copyOfRange(back, 12 * 512, 32 * 512));
    }

    @Test
    void writeSameWithUnmapReleasesEvenWhenTheBlockIsNotZero() {
        h.write(nexus, 0, pattern(8 * 512, 4));
        assertGood(h.run(nexus, ThinCdbs.writeSame10(2, 4, 0x08), pattern(512, 6)));
        assertArrayEquals(new byte[4 * 512], h.read(nexus, 2, 4));
    }

    @Test
    void unmapOfNothingAtTheEndOfTheMediumIsGood() {
        byte[] list = ThinCdbs.unmapList(BLOCKS, 0);
        assertGood(h.run(nexus, ThinCdbs.unmap(list.length, false), list));
        byte[] past = ThinCdbs.unmapList(BLOCKS, 1);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.unmap(past.length, false), past), 0x5, 0x21, 0x00);
    }

    @Test
    void writeSameNoDataOutBufferWritesZeros() {
        h.write(nexus, 10, pattern(4 * 512, 2));
        assertGood(h.run(nexus, ThinCdbs.writeSame16(10, 4, 0x01)));
        assertArrayEquals(new byte[4 * 512], h.read(nexus, 10, 4));
    }

    @Test
    void writeSameZeroBlocksMeansToTheEnd() {
        byte[] block = pattern(512, 5);
        assertGood(h.run(nexus, ThinCdbs.writeSame16(BLOCKS - 10, 0, 0), block));
        byte[] back = h.read(nexus, BLOCKS - 10, 10);
        assertArrayEquals(block, Arrays.copyOfRange(back, 9 * 512, 10 * 512));
        assertArrayEquals(new byte[512], h.read(nexus, BLOCKS - 11, 1));
    }

    @Test
    void writeSameErrors() {
        byte[] block = new byte[512];
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.writeSame10(0, 1, 0x10), block), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.writeSame10(0, 1, 0x20), block), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.writeSame16(BLOCKS - 1, 2, 0), block), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.writeSame16(BLOCKS, 0, 0), block), 0x5, 0x21, 0x00);
    }

    @Test
    void getLbaStatusCoversTheRestOfTheMedium() {
        byte[] d = dataIn(h.run(nexus, ThinCdbs.getLbaStatus(100, 4096)));
        long paramLength = get(d, 0, 4);
        assertEquals(d.length - 4, paramLength);
        long covered = 0;
        long next = 100;
        for (int at = 8; at < d.length; at += 16) {
            assertEquals(next, get(d, at, 8), "descriptors are contiguous");
            next += get(d, at + 8, 4);
            covered += get(d, at + 8, 4);
        }
        assertEquals(BLOCKS - 100, covered);
        SenseAssert.assertSense(h.run(nexus, ThinCdbs.getLbaStatus(BLOCKS, 64)), 0x5, 0x21, 0x00);
    }
}
