package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnitAttentionTest {
    private final ScsiHarness h = ScsiHarness.standard();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void powerOnIsReportedOnceToEachInitiatorPort() {
        Nexus a = h.open(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.open(ScsiHarness.INITIATOR_B, 1);
        SenseAssert.assertSense(h.run(a, 0, ScsiHarness.read10(0, 1)), 0x6, 0x29, 0x00);
        assertEquals(512, dataIn(h.run(a, 0, ScsiHarness.read10(0, 1))).length);
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x29, 0x00);
        assertGood(h.run(b, 0, cdb(0x00)));
        a.close();
        b.close();
    }

    @Test
    void inquiryAndReportLunsDoNotConsumeTheUnitAttention() {
        Nexus a = h.open(ScsiHarness.INITIATOR_A, 1);
        assertGood(h.run(a, 0, cdb(0x12, 0, 0, 0, 36, 0)));
        assertGood(h.run(a, 0, cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0)));
        SenseAssert.assertSense(h.run(a, 0, cdb(0x25)), 0x6, 0x29, 0x00);
        a.close();
    }

    @Test
    void requestSenseReturnsAndClearsTheUnitAttention() {
        Nexus a = h.open(ScsiHarness.INITIATOR_A, 1);
        byte[] fixed = dataIn(h.run(a, 0, cdb(0x03, 0, 0, 0, 252, 0)));
        assertEquals(18, fixed.length);
        assertArrayEquals(new byte[] {0x70, 0, 0x06}, Arrays.copyOf(fixed, 3));
        assertArrayEquals(new byte[] {0x29, 0x00}, Arrays.copyOfRange(fixed, 12, 14));
        byte[] none = dataIn(h.run(a, 0, cdb(0x03, 1, 0, 0, 252, 0))); // descriptor format, NO SENSE
        assertArrayEquals(new byte[] {0x72, 0, 0, 0, 0, 0, 0, 0}, none);
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
    }

    @Test
    void requestSenseOnUnmappedLunReportsLogicalUnitNotSupported() {
        Nexus a = h.open(ScsiHarness.INITIATOR_A, 1);
        byte[] d = dataIn(h.run(a, 7, cdb(0x03, 0, 0, 0, 18, 0)));
        assertEquals(0x05, d[2]);
        assertEquals(0x25, d[12]);
        SenseAssert.assertSense(h.run(a, 7, cdb(0x00)), 0x5, 0x25, 0x00);
        a.close();
    }

    @Test
    void unitAttentionSurvivesReloginWithSameIsid() throws Exception {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        assertEquals(TmfResponse.FUNCTION_COMPLETE, b.taskManagement(TmfFunction.LOGICAL_UNIT_RESET, 0, 0).get());
        a.close();
        Nexus again = h.open(ScsiHarness.INITIATOR_A, 1);
        SenseAssert.assertSense(h.run(again, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        assertGood(h.run(again, 0, cdb(0x00)));
        Nexus otherIsid = h.open(ScsiHarness.INITIATOR_A, 2);
        SenseAssert.assertSense(h.run(otherIsid, 0, cdb(0x00)), 0x6, 0x29, 0x00); // new port: power on
        again.close();
        otherIsid.close();
        b.close();
    }

    @Test
    void logicalUnitResetReachesEveryInitiatorPortIncludingTheRequester() throws Exception {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        a.taskManagement(TmfFunction.LOGICAL_UNIT_RESET, 0, 0).get();
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
        b.close();
    }

    @Test
    void targetResetsUseTheirOwnCodes() throws Exception {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        assertEquals(TmfResponse.FUNCTION_COMPLETE, a.taskManagement(TmfFunction.TARGET_WARM_RESET, 0, 0).get());
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x29, 0x00);
        assertEquals(TmfResponse.FUNCTION_COMPLETE, a.taskManagement(TmfFunction.TARGET_COLD_RESET, 0, 0).get());
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x29, 0x01);
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
    }

    @Test
    void targetWarmResetReportsTheGenericResetCodeToEveryInitiatorPortOnce() throws Exception {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        assertEquals(TmfResponse.FUNCTION_COMPLETE, a.taskManagement(TmfFunction.TARGET_WARM_RESET, 0, 0).get());
        // 29h/00h, not SCSI BUS RESET OCCURRED (29h/02h): there is no SCSI bus behind an iSCSI target port.
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x29, 0x00);
        assertGood(h.run(b, 0, cdb(0x00)));
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x29, 0x00);
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
        b.close();
    }

    @Test
    void unitAttentionsAreReportedOldestFirst() throws Exception {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        ModePagesTest.setDSense(h, b, true);
        a.taskManagement(TmfFunction.LOGICAL_UNIT_RESET, 0, 0).get();
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x2A, 0x01);
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
        b.close();
    }
}
