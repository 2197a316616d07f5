package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.write10;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModePagesTest {
    private static final byte[] CACHING_WCE = {0x08, 0x12, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] CONTROL_DEFAULT = {0x0A, 0x0A, 0x02, 0x10, 0, 0x40, 0, 0, 0, 0, 0, 0};
    private static final byte[] RW_RECOVERY = {0x01, 0x0A, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.openReady();

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    static byte[] select6(byte[] page) {
        byte[] list = new byte[4 + page.length];
        System.arraycopy(page, 0, list, 4, page.length);
        return list;
    }

    /** Sets or clears D_SENSE through MODE SELECT(6). */
    static void setDSense(ScsiHarness h, Nexus n, boolean on) {
        byte[] control = CONTROL_DEFAULT.clone();
        control[2] = (byte) (on ? 0x06 : 0x02);
        assertGood(h.run(n, 0, cdb(0x15, 0x10, 0, 0, 16, 0), select6(control)));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Test
    void modeSense6AllPagesLayout() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x1A, 0, 0x3F, 0, 255, 0)));
        byte[] expected = concat(new byte[] {55, 0, 0x10, 8}, new byte[] {0, 0, 0x04, 0, 0, 0, 0x02, 0},
                RW_RECOVERY, CACHING_WCE, CONTROL_DEFAULT);
        assertArrayEquals(expected, d);
    }

    @Test
    void modeSense6DisableBlockDescriptorsAndTruncate() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x08, 0, 255, 0)));
        assertArrayEquals(concat(new byte[] {23, 0, 0x10, 0}, CACHING_WCE), d);
        assertEquals(4, dataIn(h.run(nexus, 0, cdb(0x1A, 0, 0x3F, 0, 4, 0))).length);
    }

    @Test
    void modeSense10LongLbaDescriptor() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x5A, 0x10, 0x0A, 0, 0, 0, 0, 0, 255, 0)));
        byte[] header = {0, (byte) (8 + 16 + 12 - 2), 0, 0x10, 0x01, 0, 0, 16};
        byte[] desc = {0, 0, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0, 0, 0, 0x02, 0};
        assertArrayEquals(concat(header, desc, CONTROL_DEFAULT), d);
    }

    @Test
    void changeableAndDefaultValues() {
        byte[] ch = dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x40 | 0x3F, 0, 255, 0)));
        assertArrayEquals(concat(new byte[] {47, 0, 0x10, 0}, new byte[] {0x01, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                new byte[] {0x08, 0x12, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                new byte[] {0x0A, 0x0A, 0x04, 0, 0x08, 0x40, 0, 0, 0, 0, 0, 0}), ch);
        byte[] def = dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x80 | 0x08, 0, 255, 0)));
        assertArrayEquals(CACHING_WCE, Arrays.copyOfRange(def, 4, def.length));
    }

    @Test
    void savedValuesAreNotSupported() {
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x1A, 0, 0xC0 | 0x3F, 0, 255, 0)), 0x5, 0x39, 0x00);
    }

    @Test
    void unknownPageAndSubpageAreInvalidFields() {
        ScsiResult r = h.run(nexus, 0, cdb(0x1A, 0, 0x19, 0, 255, 0));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xCD, 2}, SenseAssert.fixedFieldPointer(r));
        r = h.run(nexus, 0, cdb(0x1A, 0, 0x0A, 0x01, 255, 0));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xC0, 3}, SenseAssert.fixedFieldPointer(r));
        assertEquals(56, dataIn(h.run(nexus, 0, cdb(0x1A, 0, 0x3F, 0xFF, 255, 0))).length);
    }

    @Test
    void writeProtectBitForReadOnlyMapping() {
        Nexus ro = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], h.map(true));
        h.run(ro, 0, cdb(0x00));
        byte[] d = dataIn(h.run(ro, 0, cdb(0x1A, 0x08, 0x3F, 0, 255, 0)));
        assertEquals((byte) 0x90, d[2]);
        ro.close();
    }

    @Test
    void clearingWceMakesWritesDurable() {
        assertGood(h.run(nexus, 0, write10(0, 1, 0), new byte[512]));
        byte[] caching = CACHING_WCE.clone();
        caching[2] = 0;
        assertGood(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 24, 0), select6(caching)));
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x08, 0, 255, 0)));
        assertEquals(0, d[4 + 2]);
        assertGood(h.run(nexus, 0, write10(0, 1, 0), new byte[512]));
        assertEquals(List.of(false, true), h.backend.durability());
    }

    @Test
    void writeThroughBackendReportsNoWriteCacheAndRefusesToEnableIt() {
        LogicalUnit lu = new LogicalUnit(LogicalUnitSpec.of("wt", 512, false, false, true, "WT"),
                new BlockBackendStub(64 * 512, 512), h.io);
        Nexus n = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], LunMap.builder().add(0, lu, false).build());
        h.run(n, 0, cdb(0x00));
        assertEquals(0, dataIn(h.run(n, 0, cdb(0x1A, 0x08, 0x08, 0, 255, 0)))[6]);
        assertEquals(0, dataIn(h.run(n, 0, cdb(0x1A, 0x08, 0x48, 0, 255, 0)))[6]); // not changeable
        SenseAssert.assertSense(h.run(n, 0, cdb(0x15, 0x10, 0, 0, 24, 0), select6(CACHING_WCE)), 0x5, 0x26, 0x00);
        n.close();
        lu.close();
    }

    @Test
    void modeSelect10WithBlockDescriptor() {
        byte[] header = {0, 0, 0, 0, 0, 0, 0, 8};
        byte[] desc = {0, 0, 0x04, 0, 0, 0, 0x02, 0};
        byte[] caching = CACHING_WCE.clone();
        caching[2] = 0;
        byte[] list = concat(header, desc, caching);
        assertGood(h.run(nexus, 0, cdb(0x55, 0x10, 0, 0, 0, 0, 0, 0, list.length, 0), list));
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x08, 0, 255, 0)));
        assertEquals(0, d[6]);
    }

    @Test
    void modeSelectRejectsWrongBlockLength() {
        byte[] header = {0, 0, 0, 8};
        byte[] desc = {0, 0, 0, 0, 0, 0, 0x10, 0};
        byte[] list = concat(header, desc, CACHING_WCE);
        ScsiResult r = h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, list.length, 0), list);
        SenseAssert.assertSense(r, 0x5, 0x26, 0x00);
        assertArrayEquals(new int[] {0x80, 9}, SenseAssert.fixedFieldPointer(r));
    }

    @Test
    void modeSelectRejectsChangesToUnchangeableFields() {
        byte[] caching = CACHING_WCE.clone();
        caching[2] = 0x05; // RCD is not changeable
        ScsiResult r = h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 24, 0), select6(caching));
        SenseAssert.assertSense(r, 0x5, 0x26, 0x00);
        assertArrayEquals(new int[] {0x88, 6}, SenseAssert.fixedFieldPointer(r)); // byte 4+2, bit 0
        byte[] rw = RW_RECOVERY.clone();
        rw[2] = 0;
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 16, 0), select6(rw)), 0x5, 0x26, 0x00);
        byte[] shortPage = Arrays.copyOf(CACHING_WCE, 12);
        shortPage[1] = 10;
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 16, 0), select6(shortPage)),
                0x5, 0x26, 0x00);
        byte[] unknown = {0x1C, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 16, 0), select6(unknown)), 0x5, 0x26, 0x00);
        assertEquals(List.of(), h.backend.durability());
        // nothing changed: WCE still on
        assertEquals(0x04, dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x08, 0, 255, 0)))[6]);
    }

    @Test
    void modeSelectCdbChecks() {
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x11, 0, 0, 24, 0), select6(CACHING_WCE)),
                0x5, 0x24, 0x00); // SP
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x00, 0, 0, 24, 0), select6(CACHING_WCE)),
                0x5, 0x24, 0x00); // PF=0
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 24, 0), new byte[10]),
                0x5, 0x1A, 0x00); // list longer than the data sent
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 2, 0), new byte[2]),
                0x5, 0x1A, 0x00); // shorter than a header
        assertGood(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 0, 0)));
    }

    @Test
    void dSenseSwitchesToDescriptorFormat() {
        ScsiResult fixed = h.run(nexus, 0, ScsiHarness.read10(5000, 1));
        assertEquals(0x70, fixed.sense()[0]);
        setDSense(h, nexus, true);
        assertEquals(0x04 | 0x02, dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x0A, 0, 255, 0)))[6]);
        ScsiResult desc = h.run(nexus, 0, ScsiHarness.read10(5000, 1));
        assertArrayEquals(new byte[] {0x72, 0x05, 0x21, 0x00, 0, 0, 0, 0}, desc.sense());
        ScsiResult field = h.run(nexus, 0, cdb(0x12, 0, 1, 0, 255, 0));
        assertArrayEquals(new byte[] {0x72, 0x05, 0x24, 0x00, 0, 0, 0, 8, 0x02, 0x06, 0, 0, (byte) 0xC0, 0, 2, 0},
                field.sense());
    }

    @Test
    void softwareWriteProtect() {
        byte[] control = CONTROL_DEFAULT.clone();
        control[4] = 0x08;
        assertGood(h.run(nexus, 0, cdb(0x15, 0x10, 0, 0, 16, 0), select6(control)));
        assertEquals((byte) 0x90, dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x0A, 0, 255, 0)))[2]);
        SenseAssert.assertSense(h.run(nexus, 0, write10(0, 1, 0), new byte[512]), 0x7, 0x27, 0x00);
        assertGood(h.run(nexus, 0, ScsiHarness.read10(0, 1)));
    }

    @Test
    void modeChangeRaisesUnitAttentionForOtherInitiatorsOnly() {
        Nexus other = h.openReady(ScsiHarness.INITIATOR_B, 2);
        setDSense(h, nexus, false); // no change: no unit attention
        assertGood(h.run(other, 0, cdb(0x00)));
        setDSense(h, nexus, true);
        assertGood(h.run(nexus, 0, cdb(0x00)));
        SenseAssert.assertSense(h.run(other, 0, cdb(0x00)), 0x6, 0x2A, 0x01);
        assertGood(h.run(other, 0, cdb(0x00)));
        other.close();
    }

    @Test
    void logicalUnitResetRestoresDefaults() throws Exception {
        setDSense(h, nexus, true);
        assertEquals(TmfResponse.FUNCTION_COMPLETE,
                nexus.taskManagement(TmfFunction.LOGICAL_UNIT_RESET, 0, 0).get());
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        assertArrayEquals(CONTROL_DEFAULT, Arrays.copyOfRange(
                dataIn(h.run(nexus, 0, cdb(0x1A, 0x08, 0x0A, 0, 255, 0))), 4, 16));
    }
}
