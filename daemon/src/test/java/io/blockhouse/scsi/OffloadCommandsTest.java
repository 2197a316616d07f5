package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ScsiHarness.rw16;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ORWRITE, PRE-FETCH and WRITE ATOMIC (16) on RAM and file back-ends. */
class OffloadCommandsTest {
    @TempDir
    Path dir;

    private BackendHarness h;
    private Nexus n;

    @AfterEach
    void close() {
        n.close();
        h.close();
    }

    private void ram() throws IOException {
        h = BackendHarness.ram(4 << 20);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
    }

    private void file() throws IOException {
        h = BackendHarness.file(dir.resolve("lu.img"), 4 << 20);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
    }

    private static byte[] prefetch16(long lba, long blocks, boolean immed) {
        return rw16(0x90, lba, blocks, immed ? 0x02 : 0);
    }

    private static byte[] writeAtomic16(long lba, int blocks, int boundary) {
        byte[] c = cdb(0x9C, 0);
        ThinCdbs.put(c, 2, 8, lba);
        ThinCdbs.put(c, 10, 2, boundary);
        ThinCdbs.put(c, 12, 2, blocks);
        return c;
    }

    @Test
    void orWriteOrsTheDataOutIntoTheBlocks() throws IOException {
        file();
        byte[] old = pattern(3 * 512, 1);
        byte[] mask = pattern(3 * 512, 77);
        h.write(n, 20, old);
        assertGood(h.run(n, rw16(0x8B, 20, 3, 0), mask));
        byte[] expected = new byte[old.length];
        for (int i = 0; i < old.length; i++) {
            expected[i] = (byte) (old[i] | mask[i]);
        }
        assertArrayEquals(expected, h.read(n, 20, 3));
        SenseAssert.assertSense(h.run(n, rw16(0x8B, 8191, 2, 0), new byte[1024]), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(n, rw16(0x8B, 0, 1, 0x20), new byte[512]), 0x5, 0x24, 0x00);
        assertGood(h.run(n, rw16(0x8B, 0, 0, 0)));
    }

    @Test
    void prefetchOfCachedBlocksIsConditionMet() throws IOException {
        ram();
        ScsiResult r = h.run(n, prefetch16(0, 64, false));
        assertEquals(ScsiStatus.CONDITION_MET, r.status());
        assertNull(r.sense());
        assertEquals(ScsiStatus.CONDITION_MET, h.run(n, cdb(0x34, 0x02, 0, 0, 0, 10, 0, 0, 8, 0)).status());
        SenseAssert.assertSense(h.run(n, prefetch16(8191, 2, false)), 0x5, 0x21, 0x00);
    }

    @Test
    void prefetchOnABufferedFileAdvisesThePageCache() throws IOException {
        file();
        assertEquals(ScsiStatus.CONDITION_MET, h.run(n, prefetch16(100, 100, true)).status());
        // 0 blocks: to the end of the medium, which here fits MAXIMUM PREFETCH LENGTH
        assertEquals(ScsiStatus.CONDITION_MET, h.run(n, prefetch16(100, 0, false)).status());
    }

    @Test
    void writeAtomicWritesWithinItsLimits() throws IOException {
        ram();
        byte[] data = pattern(4 * 512, 3);
        assertGood(h.run(n, writeAtomic16(30, 4, 0), data));
        assertArrayEquals(data, h.read(n, 30, 4));
        SenseAssert.assertSense(h.run(n, writeAtomic16(30, 1, 1), new byte[512]), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, writeAtomic16(8191, 2, 0), new byte[1024]), 0x5, 0x21, 0x00);
        byte[] limits = dataIn(h.run(n, cdb(0x12, 1, 0xB0, 0, 64, 0)));
        long max = get(limits, 44, 4);
        assertEquals((1 << 20) / 512, max);
        SenseAssert.assertSense(h.run(n, writeAtomic16(0, (int) max + 1, 0), new byte[(int) (max + 1) * 512]),
                0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, writeAtomic16(0, 2, 0), new byte[512]), 0x5, 0x0E, 0x03);
    }
}
