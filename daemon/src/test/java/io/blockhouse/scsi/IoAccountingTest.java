package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseKey;
import io.blockhouse.scsi.stats.LunCounters;
import io.blockhouse.scsi.stats.UnitIoStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands through real nexuses end up in the unit's, the session's and the target port's counters. */
class IoAccountingTest {

    @Test
    void everyCompletionIsCountedPerUnitPerSessionAndPerPort() throws Exception {
        try (BackendHarness h = BackendHarness.ram(1 << 20)) {
            Nexus a = h.openReady("iqn.2026-11.test:a", 1);
            Nexus b = h.openReady("iqn.2026-11.test:b", 2);
            h.write(a, 0, ScsiHarness.pattern(8 * 512, 1));
            h.write(a, 8, ScsiHarness.pattern(2 * 512, 2));
            h.read(a, 0, 4);
            h.read(b, 0, 16);
            // Past the end: CHECK CONDITION, ILLEGAL REQUEST; an operation that moved no bytes.
            ScsiResult beyond = h.run(b, ScsiHarness.rw16(0x88, 4096, 1, 0));
            assertEquals(ScsiStatus.CHECK_CONDITION, beyond.status());

            UnitIoStats.Snapshot unit = h.unit.ioStats().snapshot();
            assertEquals(2, unit.writeOps());
            assertEquals(10 * 512, unit.writeBytes());
            assertEquals(3, unit.readOps());
            assertEquals(20 * 512, unit.readBytes());
            assertEquals(2, unit.writeLatency().count());
            assertEquals(3, unit.readLatency().count());
            assertEquals(2, unit.otherOps()); // the two TEST UNIT READYs of openReady
            assertEquals(2, unit.checkConditionsByKey()[SenseKey.UNIT_ATTENTION]); // their POWER ON
            assertEquals(1, unit.checkConditionsByKey()[SenseKey.ILLEGAL_REQUEST]);

            assertEquals(List.of(new LunCounters.Snapshot(0, "thin0", 1, 2, 4 * 512, 10 * 512, 1)),
                    h.port.lunStatistics(a));
            assertEquals(List.of(new LunCounters.Snapshot(0, "thin0", 2, 0, 16 * 512, 0, 2)),
                    h.port.lunStatistics(b));
            assertEquals(List.of(new LunCounters.Snapshot(0, "thin0", 3, 2, 20 * 512, 10 * 512, 3)),
                    h.port.lunStatistics());

            // A closed session is no longer listed, but the port keeps what it did.
            b.close();
            assertEquals(List.of(), h.port.lunStatistics(b));
            assertEquals(3, h.port.lunStatistics().get(0).reads());
        }
    }

    @Test
    void unmappedLunsCountNowhere() throws Exception {
        try (BackendHarness h = BackendHarness.ram(1 << 20)) {
            Nexus a = h.openReady("iqn.2026-11.test:a", 1);
            h.port.remap(a, LunMap.empty());
            ScsiResult r = h.run(a, ScsiHarness.rw16(0x88, 0, 1, 0));
            assertEquals(ScsiStatus.CHECK_CONDITION, r.status());
            assertEquals(0, h.unit.ioStats().snapshot().readOps());
            assertEquals(0, h.port.lunStatistics(a).get(0).reads());
        }
    }

    @Test
    void aResizedUnitGoesOnCountingAndASessionKeepsItsCountersAcrossARemap() throws Exception {
        try (BackendHarness h = BackendHarness.ram(1 << 20)) {
            Nexus a = h.openReady("iqn.2026-11.test:a", 1);
            h.read(a, 0, 2);
            LogicalUnit grown = new LogicalUnit(h.unit.spec(), Backends.open(new BackendSpec(BackendSpec.Kind.RAM,
                    null, 2 << 20, false, false, false)), h.io);
            try {
                grown.continueFrom(h.unit, SenseCodes.CAPACITY_DATA_HAS_CHANGED);
                assertTrue(h.port.remap(a, LunMap.builder().add(0, grown, false).build()));
                h.run(a, ScsiHarness.cdb(0x00)); // consumes the unit attentions of the remap
                h.run(a, ScsiHarness.cdb(0x00));
                h.read(a, 0, 2);
                assertEquals(2, grown.ioStats().snapshot().readOps());
                assertEquals(2, h.port.lunStatistics(a).get(0).reads());
                assertEquals(4 * 512, h.port.lunStatistics(a).get(0).bytesRead());
            } finally {
                grown.close();
            }
        }
    }
}
