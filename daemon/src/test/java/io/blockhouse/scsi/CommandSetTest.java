package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REPORT LUNS, READ CAPACITY, REPORT SUPPORTED OPERATION CODES, START STOP UNIT, SYNCHRONIZE CACHE, dispatch. */
class CommandSetTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.openReady();

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    @Test
    void reportLunsListsThisNexusMap() {
        LogicalUnit second = new LogicalUnit(LogicalUnitSpec.of("lu1", 512, false, false, true, "S1"),
                new MemoryBackend(4096), h.io);
        LunMap map = LunMap.builder().add(0, h.unit, false).add(300, second, false).add(5, h.unit, true).build();
        Nexus n = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], map);
        byte[] d = dataIn(h.run(n, 9, cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0))); // works on an unmapped LUN
        assertArrayEquals(new byte[] {0, 0, 0, 24, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
            0, 5, 0, 0, 0, 0, 0, 0,
            0x41, 0x2C, 0, 0, 0, 0, 0, 0}, d);
        byte[] wellKnown = dataIn(h.run(n, 0, cdb(0xA0, 0, 1, 0, 0, 0, 0, 0, 1, 0)));
        assertArrayEquals(new byte[8], wellKnown);
        assertEquals(16, dataIn(h.run(n, 0, cdb(0xA0, 0, 2, 0, 0, 0, 0, 0, 0, 16))).length);
        ScsiResult bad = h.run(n, 0, cdb(0xA0, 0, 3, 0, 0, 0, 0, 0, 1, 0));
        SenseAssert.assertSense(bad, 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, 0, cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 8)), 0x5, 0x24, 0x00);
        n.close();
        second.close();
    }

    @Test
    void readCapacity10() {
        assertArrayEquals(new byte[] {0, 0, 0x03, (byte) 0xFF, 0, 0, 0x02, 0}, dataIn(h.run(nexus, 0, cdb(0x25))));
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x25, 0, 0, 0, 0, 1)), 0x5, 0x24, 0x00);
        assertArrayEquals(new byte[] {0, 0, 0x03, (byte) 0xFF, 0, 0, 0x02, 0},
                dataIn(h.run(nexus, 0, cdb(0x25, 0, 0, 0, 0, 1, 0, 0, 1, 0))));
    }

    @Test
    void readCapacity16() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0)));
        byte[] expected = new byte[32];
        expected[6] = 0x03;
        expected[7] = (byte) 0xFF;
        expected[10] = 0x02;
        assertArrayEquals(expected, d);
        assertEquals(12, dataIn(h.run(nexus, 0, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0))).length);
        ScsiResult sa = h.run(nexus, 0, cdb(0x9E, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0));
        SenseAssert.assertSense(sa, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xCC, 1}, SenseAssert.fixedFieldPointer(sa));
    }

    @Test
    void readCapacityOfAHugeUnit() {
        long blocks = 0x1_0000_0010L; // more than READ CAPACITY (10) can express
        BlockBackendStub big = new BlockBackendStub(blocks * 512, 512);
        LogicalUnit lu = new LogicalUnit(LogicalUnitSpec.of("huge", 512, false, false, true, "H"), big, h.io);
        Nexus n = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], LunMap.builder().add(0, lu, false).build());
        h.run(n, 0, cdb(0x00));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, 0, 0, 2, 0}, dataIn(h.run(n, 0, cdb(0x25))));
        byte[] d = dataIn(h.run(n, 0, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0)));
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 0x0F}, Arrays.copyOf(d, 8));
        assertEquals(0, d[13]);
        n.close();
        lu.close();
    }

    @Test
    void logicalBlockMustBeAMultipleOfTheBackendSector() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new LogicalUnit(
                LogicalUnitSpec.of("x", 512, false, false, true, "X"), new BlockBackendStub(1 << 20, 4096), h.io));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new LogicalUnit(
                LogicalUnitSpec.of("x", 4096, false, false, true, "X"), new BlockBackendStub(4095, 512), h.io));
    }

    @Test
    void unknownOpcodeIsInvalidCommandOperationCode() {
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0xC5)), 0x5, 0x20, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x04)), 0x5, 0x20, 0x00); // FORMAT UNIT: not supported
    }

    @Test
    void commandsToUnmappedLunsFail() {
        SenseAssert.assertSense(h.run(nexus, 3, ScsiHarness.read10(0, 1)), 0x5, 0x25, 0x00);
        ScsiResult w = h.run(nexus, 3, ScsiHarness.write10(0, 1, 0), new byte[512]);
        SenseAssert.assertSense(w, 0x5, 0x25, 0x00);
    }

    @Test
    void synchronizeCacheFlushesAndChecksTheRange() {
        assertGood(h.run(nexus, 0, cdb(0x35)));
        assertGood(h.run(nexus, 0, cdb(0x91, 0x02, 0, 0, 0, 0, 0, 0, 0x03, 0, 0, 0, 0, 0xFF, 0, 0)));
        assertEquals(2, h.backend.flushes.get());
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x35, 0, 0, 0, 0x03, 0xFF, 0, 0, 2, 0)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x35, 0, 0, 0, 0x04, 0x00, 0, 0, 0, 0)), 0x5, 0x21, 0x00);
        h.backend.failFlush = true;
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x35)), 0x3, 0x0C, 0x00);
        assertEquals(2, h.backend.flushes.get());
    }

    @Test
    void startStopUnit() {
        assertGood(h.run(nexus, 0, cdb(0x1B, 0, 0, 0, 0x01, 0))); // start
        assertGood(h.run(nexus, 0, cdb(0x1B, 1, 0, 0, 0x04, 0))); // stop, no flush
        assertEquals(0, h.backend.flushes.get());
        assertGood(h.run(nexus, 0, cdb(0x1B, 0, 0, 0, 0x00, 0))); // stop: flushes
        assertEquals(1, h.backend.flushes.get());
        assertGood(h.run(nexus, 0, cdb(0x00))); // still ready
        ScsiResult loej = h.run(nexus, 0, cdb(0x1B, 1, 0, 0, 0x02, 0));
        SenseAssert.assertSense(loej, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xC9, 4}, SenseAssert.fixedFieldPointer(loej));
        assertGood(h.run(nexus, 0, cdb(0x1B, 0, 0, 0, 0x20, 0))); // IDLE
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x1B, 0, 0, 0, 0x40, 0)), 0x5, 0x24, 0x00);
    }

    @Test
    void reportSupportedOperationCodesAll() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0)));
        int length = ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
        assertEquals(d.length - 4, length);
        assertEquals(0, length % 8);
        boolean sawRead10 = false;
        boolean sawRc16 = false;
        for (int p = 4; p < d.length; p += 8) {
            int op = d[p] & 0xFF;
            int sa = ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
            boolean servactv = (d[p + 5] & 0x01) != 0;
            if (!servactv) {
                assertEquals(0, sa);
            }
            if (op == 0x28) {
                sawRead10 = true;
                assertEquals(10, d[p + 7]);
            }
            if (op == 0x9E) {
                assertTrue(servactv);
            }
            if (op == 0x9E && sa == 0x10) {
                sawRc16 = true;
                assertEquals(16, d[p + 7]);
            }
        }
        assertTrue(sawRead10 && sawRc16);
        byte[] withTimeouts = dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 0x80, 0, 0, 0, 0, 0, 0x10, 0, 0, 0)));
        assertEquals(4 + (length / 8) * 20, withTimeouts.length);
        assertArrayEquals(new byte[] {0, 0x0A}, Arrays.copyOfRange(withTimeouts, 12, 14));
        assertEquals(0x02, withTimeouts[4 + 5] & 0x02); // CTDP
    }

    @Test
    void reportSupportedOperationCodesOneCommand() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 1, 0x28, 0, 0, 0, 0, 1, 0, 0, 0)));
        assertArrayEquals(new byte[] {0, 0x03, 0, 10, 0x28, (byte) 0xF8, -1, -1, -1, -1, 0, -1, -1, 0}, d);
        assertArrayEquals(new byte[] {0, 0x01, 0, 0}, dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 1, 0x04, 0, 0, 0, 0,
                1, 0, 0, 0))));
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0xA3, 0x0C, 1, 0x9E, 0, 0x10, 0, 0, 1, 0, 0, 0)),
                0x5, 0x24, 0x00);
        byte[] rc16 = dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 2, 0x9E, 0, 0x10, 0, 0, 1, 0, 0, 0)));
        assertArrayEquals(new byte[] {0, 0x03, 0, 16, (byte) 0x9E, 0x1F}, Arrays.copyOf(rc16, 6));
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0xA3, 0x0C, 2, 0x28, 0, 0, 0, 0, 1, 0, 0, 0)), 0x5, 0x24, 0x00);
        byte[] rctd = dataIn(h.run(nexus, 0, cdb(0xA3, 0x0C, 0x81, 0x00, 0, 0, 0, 0, 1, 0, 0, 0)));
        assertEquals(4 + 6 + 12, rctd.length);
        assertEquals((byte) 0x83, rctd[1]);
    }

    @Test
    void reportSupportedTaskManagementFunctions() {
        assertArrayEquals(new byte[] {(byte) 0xDA, 0, 0, 0},
                dataIn(h.run(nexus, 0, cdb(0xA3, 0x0D, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0))));
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0xA3, 0x0D, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0)), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0xA3, 0x05)), 0x5, 0x24, 0x00); // REPORT IDENTIFYING INFO
    }

    @Test
    void normalAcaRequestIsRejected() {
        ScsiResult r = h.run(nexus, 0, cdb(0x00, 0, 0, 0, 0, 0x04));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xCA, 5}, SenseAssert.fixedFieldPointer(r));
        SenseAssert.assertSense(h.run(nexus, 0, withControl(ScsiHarness.read10(0, 1), 9, 0x04)), 0x5, 0x24, 0x00);
    }

    private static byte[] withControl(byte[] cdb, int index, int value) {
        cdb[index] = (byte) value;
        return cdb;
    }

    @Test
    void shortCdbIsPadded() throws Exception {
        var f = new java.util.concurrent.CompletableFuture<ScsiResult>();
        nexus.submit(new ScsiCommand(0, new byte[] {0x25}, 8, true, false, TaskAttribute.SIMPLE, 900, null),
                f::complete);
        assertEquals(8, dataIn(f.get()).length);
    }

    @Test
    void overlappedTaskTagIsRejected() throws Exception {
        h.backend.closeGate();
        var first = h.submit(nexus, 0, ScsiHarness.read10(0, 1), null, 77);
        assertTrue(h.backend.awaitIoEntered());
        ScsiResult dup = h.submit(nexus, 0, cdb(0x00), null, 77).get();
        SenseAssert.assertSense(dup, 0xB, 0x4E, 0x00);
        h.backend.openGate();
        assertEquals(512, dataIn(first.get()).length);
    }
}
