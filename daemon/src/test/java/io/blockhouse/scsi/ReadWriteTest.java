package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ScsiHarness.read10;
import static io.blockhouse.scsi.ScsiHarness.rw10;
import static io.blockhouse.scsi.ScsiHarness.rw16;
import static io.blockhouse.scsi.ScsiHarness.write10;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadWriteTest {
    private final ScsiHarness h = ScsiHarness.standard(); // 1024 x 512, WCE on
    private final Nexus nexus = h.openReady();

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    @Test
    void write10ThenRead10RoundTrip() {
        byte[] data = pattern(3 * 512, 7);
        ScsiResult w = h.run(nexus, 0, write10(100, 3, 0), data);
        assertEquals(3 * 512, w.transferLength());
        assertNull(w.dataIn());
        assertGood(w);
        assertArrayEquals(data, Arrays.copyOfRange(h.backend.data, 100 * 512, 103 * 512));
        ScsiResult r = h.run(nexus, 0, read10(100, 3));
        assertEquals(3 * 512, r.transferLength());
        assertArrayEquals(data, dataIn(r));
    }

    @Test
    void allCdbSizesAddressTheSameBlocks() {
        byte[] data = pattern(512, 3);
        assertGood(h.run(nexus, 0, cdb(0x0A, 0, 0, 9, 1, 0), data)); // WRITE(6) LBA 9
        assertArrayEquals(data, dataIn(h.run(nexus, 0, cdb(0x08, 0, 0, 9, 1, 0))));
        assertArrayEquals(data, dataIn(h.run(nexus, 0, cdb(0xA8, 0, 0, 0, 0, 9, 0, 0, 0, 1))));
        assertArrayEquals(data, dataIn(h.run(nexus, 0, rw16(0x88, 9, 1, 0))));
        byte[] data2 = pattern(512, 4);
        assertGood(h.run(nexus, 0, cdb(0xAA, 0, 0, 0, 0, 10, 0, 0, 0, 1), data2)); // WRITE(12)
        assertGood(h.run(nexus, 0, rw16(0x8A, 11, 1, 0), data2)); // WRITE(16)
        assertArrayEquals(data2, Arrays.copyOfRange(h.backend.data, 10 * 512, 11 * 512));
        assertArrayEquals(data2, Arrays.copyOfRange(h.backend.data, 11 * 512, 12 * 512));
    }

    @Test
    void sixByteTransferLengthZeroMeans256Blocks() {
        ScsiResult r = h.run(nexus, 0, cdb(0x08, 0, 0, 0, 0, 0));
        assertEquals(256 * 512, dataIn(r).length);
        assertEquals(256 * 512, r.transferLength());
    }

    @Test
    void zeroLengthTransfersNothingAndSucceeds() {
        ScsiResult r = h.run(nexus, 0, read10(5, 0));
        assertEquals(0, r.transferLength());
        assertNull(r.dataIn());
        assertGood(r);
        assertGood(h.run(nexus, 0, write10(5, 0, 0), new byte[0]));
        assertEquals(List.of(), h.backend.durability());
    }

    @Test
    void outOfRangeIsLbaOutOfRange() {
        SenseAssert.assertSense(h.run(nexus, 0, read10(1023, 2)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, read10(1025, 0)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, rw16(0x88, -1L, 1, 0)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, rw16(0x88, -1L, 0, 0)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, write10(1024, 1, 0), new byte[512]), 0x5, 0x21, 0x00);
        assertEquals(512, dataIn(h.run(nexus, 0, read10(1023, 1))).length);
    }

    @Test
    void protectionFieldsAreInvalid() {
        ScsiResult r = h.run(nexus, 0, rw10(0x28, 0, 1, 0x20));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xCF, 1}, SenseAssert.fixedFieldPointer(r));
        SenseAssert.assertSense(h.run(nexus, 0, rw16(0x8A, 0, 1, 0xE0), new byte[512]), 0x5, 0x24, 0x00);
    }

    @Test
    void transferAboveBlockLimitsIsInvalidField() {
        try (ScsiHarness big = new ScsiHarness(40000, 512, false, true)) {
            Nexus n = big.openReady();
            ScsiResult r = big.run(n, 0, rw16(0x88, 0, 16385, 0));
            SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
            assertArrayEquals(new int[] {0xC0, 10}, SenseAssert.fixedFieldPointer(r));
            n.close();
        }
    }

    @Test
    void fuaAndDpoAreAccepted() {
        assertGood(h.run(nexus, 0, rw10(0x28, 0, 1, 0x18)));
        assertGood(h.run(nexus, 0, rw10(0x2A, 0, 1, 0x10), new byte[512])); // DPO only: cached
        assertGood(h.run(nexus, 0, rw10(0x2A, 0, 1, 0x08), new byte[512])); // FUA: durable
        assertGood(h.run(nexus, 0, cdb(0x0A, 0, 0, 0, 1, 0), new byte[512])); // WRITE(6): no FUA bit
        assertEquals(List.of(false, true, false), h.backend.durability());
    }

    @Test
    void writeCacheDisabledMakesEveryWriteDurable() {
        try (ScsiHarness wt = new ScsiHarness(64, 512, false, false)) {
            Nexus n = wt.openReady();
            assertGood(wt.run(n, 0, write10(0, 1, 0), new byte[512]));
            assertEquals(List.of(true), wt.backend.durability());
            n.close();
        }
    }

    @Test
    void readOnlyUnitRefusesWritesWithDataProtect() {
        try (ScsiHarness ro = new ScsiHarness(64, 512, true, true)) {
            Nexus n = ro.openReady();
            SenseAssert.assertSense(ro.run(n, 0, write10(0, 1, 0), new byte[512]), 0x7, 0x27, 0x00);
            SenseAssert.assertSense(ro.run(n, 0, cdb(0x2E, 0, 0, 0, 0, 0, 0, 0, 1, 0), new byte[512]),
                    0x7, 0x27, 0x00);
            assertGood(ro.run(n, 0, read10(0, 1)));
            assertEquals(List.of(), ro.backend.durability());
            n.close();
        }
    }

    @Test
    void readOnlyMappingRefusesWrites() {
        Nexus ro = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], h.map(true));
        SenseAssert.assertSense(h.run(ro, 0, cdb(0x00)), 0x6, 0x29, 0x00);
        SenseAssert.assertSense(h.run(ro, 0, write10(0, 1, 0), new byte[512]), 0x7, 0x27, 0x00);
        assertGood(h.run(nexus, 0, write10(0, 1, 0), new byte[512])); // the other mapping still writes
        ro.close();
    }

    @Test
    void backendReadFailureIsMediumError() {
        h.backend.failReads = true;
        ScsiResult r = h.run(nexus, 0, read10(42, 1));
        SenseAssert.assertSense(r, 0x3, 0x11, 0x00);
        assertEquals((byte) 0xF0, r.sense()[0]); // VALID: INFORMATION holds the LBA
        assertEquals(42, r.sense()[6]);
        assertNull(r.dataIn());
    }

    @Test
    void backendWriteFailureIsWriteError() {
        h.backend.failWrites = true;
        SenseAssert.assertSense(h.run(nexus, 0, write10(3, 1, 0), new byte[512]), 0x3, 0x0C, 0x00);
    }

    /** Residual rule: see DataOutRule. */
    @Test
    void dataOutLongerThanTransferLengthWritesOnlyTheCdbBlocks() {
        byte[] data = pattern(2 * 512, 9);
        ScsiResult r = h.run(nexus, 0, write10(0, 1, 0), data);
        assertEquals(512, r.transferLength());
        assertGood(r);
        assertArrayEquals(Arrays.copyOf(data, 512), Arrays.copyOf(h.backend.data, 512));
        assertArrayEquals(new byte[512], Arrays.copyOfRange(h.backend.data, 512, 1024));
    }

    @Test
    void dataOutShorterByWholeBlocksWritesWhatArrived() {
        byte[] data = pattern(512, 9);
        ScsiResult r = h.run(nexus, 0, write10(0, 2, 0), data);
        assertEquals(1024, r.transferLength());
        assertGood(r);
        assertArrayEquals(data, Arrays.copyOf(h.backend.data, 512));
        ScsiResult none = h.run(nexus, 0, write10(4, 1, 0), new byte[0]);
        assertEquals(512, none.transferLength());
        assertGood(none);
    }

    @Test
    void dataOutEndingInsideABlockWritesNothing() {
        ScsiResult r = h.run(nexus, 0, write10(0, 1, 0), pattern(200, 1));
        SenseAssert.assertSense(r, 0x5, 0x0E, 0x03);
        assertEquals(512, r.transferLength());
        assertArrayEquals(new byte[512], Arrays.copyOf(h.backend.data, 512));
    }

    @Test
    void noDataOutAtAllIsAnEmptyWrite() {
        ScsiResult r = h.run(nexus, 0, write10(0, 1, 0));
        assertEquals(512, r.transferLength());
        assertGood(r);
        assertEquals(List.of(), h.backend.durability());
    }

    @Test
    void fourKibibyteBlocks() {
        try (ScsiHarness big = new ScsiHarness(16, 4096, false, true)) {
            Nexus n = big.openReady();
            byte[] data = pattern(4096, 5);
            assertGood(big.run(n, 0, write10(15, 1, 0), data));
            assertArrayEquals(data, dataIn(big.run(n, 0, read10(15, 1))));
            SenseAssert.assertSense(big.run(n, 0, read10(16, 1)), 0x5, 0x21, 0x00);
            n.close();
        }
    }
}
