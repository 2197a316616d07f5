package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.sense.SenseCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live reconfiguration of an open nexus: new LUN maps, and the unit attentions that tell the initiator. */
class RemapTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final LogicalUnit second = new LogicalUnit(LogicalUnitSpec.of("lu1", 512, false, false, true,
            "SERIAL0002"), new MemoryBackend(512 * 64), h.io);

    @AfterEach
    void close() {
        second.close();
        h.close();
    }

    private LunMap twoLuns() {
        return LunMap.builder().add(0, h.unit, false).add(1, second, false).build();
    }

    private static byte[] reportLuns() {
        return cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
    }

    @Test
    void addedLunIsVisibleAndEveryMappedUnitRaisesReportedLunsChanged() {
        Nexus a = h.openReady();
        assertTrue(h.port.remap(a, twoLuns()));
        assertEquals(24, dataIn(h.run(a, 0, reportLuns())).length, "header + two LUNs");
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x3F, 0x0E);
        assertGood(h.run(a, 0, cdb(0x00)));
        // LUN 1's unit was never accessed by this port: power on first, then the inventory change.
        SenseAssert.assertSense(h.run(a, 1, cdb(0x00)), 0x6, 0x29, 0x00);
        SenseAssert.assertSense(h.run(a, 1, cdb(0x00)), 0x6, 0x3F, 0x0E);
        assertGood(h.run(a, 1, cdb(0x00)));
        a.close();
    }

    @Test
    void otherNexusesOfThePortAreNotDisturbed() {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        h.port.remap(a, twoLuns());
        assertGood(h.run(b, 0, cdb(0x00)));
        assertEquals(16, dataIn(h.run(b, 0, reportLuns())).length);
        a.close();
        b.close();
    }

    @Test
    void sameMappingsRaiseNothing() {
        Nexus a = h.openReady();
        assertTrue(h.port.remap(a, h.map(false)));
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
    }

    @Test
    void removedLunAnswersNotSupported() {
        Nexus a = h.open(ScsiHarness.INITIATOR_A, 1);
        h.port.remap(a, twoLuns());
        h.run(a, 1, cdb(0x00));
        h.port.remap(a, h.map(false));
        SenseAssert.assertSense(h.run(a, 1, cdb(0x00)), 0x5, 0x25, 0x00);
        a.close();
    }

    @Test
    void nexusOfAnotherPortIsNotRemapped() {
        TargetPort other = new TargetPort("iqn.2026-01.io.blockhouse:other,t,0x0001", 2);
        Nexus a = h.openReady();
        assertFalse(other.remap(a, twoLuns()));
        assertGood(h.run(a, 0, cdb(0x00)));
        a.close();
    }

    @Test
    void successorUnitInheritsPendingConditionsAndGetsTheNewOne() {
        Nexus a = h.openReady();
        LogicalUnit grown = new LogicalUnit(h.unit.spec(), new MemoryBackend(512 * 2048), h.io);
        grown.continueFrom(h.unit, SenseCodes.CAPACITY_DATA_HAS_CHANGED);
        h.port.remap(a, LunMap.builder().add(0, grown, false).build());
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x2A, 0x09);
        assertGood(h.run(a, 0, cdb(0x00)));
        byte[] cap = dataIn(h.run(a, 0, cdb(0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals(2047, ((cap[0] & 0xFF) << 24) | ((cap[1] & 0xFF) << 16) | ((cap[2] & 0xFF) << 8) | (cap[3] & 0xFF));
        assertTrue(h.port.unitsInUse().contains(grown));
        a.close();
        grown.close();
    }

    @Test
    void remapAllGivesEachInitiatorItsOwnMap() {
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 2);
        h.port.remapAll(initiator -> initiator.equals(ScsiHarness.INITIATOR_A) ? twoLuns() : h.map(false));
        assertEquals(24, dataIn(h.run(a, 0, reportLuns())).length);
        assertEquals(16, dataIn(h.run(b, 0, reportLuns())).length);
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x6, 0x3F, 0x0E);
        assertGood(h.run(b, 0, cdb(0x00)));
        a.close();
        b.close();
    }
}
