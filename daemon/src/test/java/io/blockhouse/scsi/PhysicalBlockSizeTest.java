package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A unit reporting 4096-byte physical blocks over 512-byte logical ones (a 512e disk). */
class PhysicalBlockSizeTest {

    private static LogicalUnitSpec spec(int logical, int physical) {
        LogicalUnitSpec base = LogicalUnitSpec.of("lu0", logical, false, false, true, "SERIAL0001");
        return new LogicalUnitSpec(base.name(), logical, false, false, true, base.serial(), base.naaId(),
                base.vendor(), base.product(), base.revision(), physical);
    }

    @Test
    void readCapacity16ReportsTheExponentAndBlockLimitsTheGranularity() {
        try (ScsiHarness h = new ScsiHarness(spec(512, 4096), 1024)) {
            Nexus n = h.openReady();
            byte[] rc = dataIn(h.run(n, 0, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0)));
            assertEquals(512, get(rc, 8, 4));
            assertEquals(3, rc[13] & 0x0F, "LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT");
            assertEquals(0, get(rc, 14, 2) & 0x3FFF, "LOWEST ALIGNED LOGICAL BLOCK ADDRESS");
            byte[] b0 = dataIn(h.run(n, 0, cdb(0x12, 1, 0xB0, 0, 64, 0)));
            assertEquals(8, get(b0, 6, 2), "OPTIMAL TRANSFER LENGTH GRANULARITY");
            n.close();
        }
    }

    @Test
    void byDefaultThePhysicalBlockIsTheLogicalOne() {
        try (ScsiHarness h = new ScsiHarness(LogicalUnitSpec.of("lu0", 4096, false, false, true, "S1"), 64)) {
            Nexus n = h.openReady();
            byte[] rc = dataIn(h.run(n, 0, cdb(0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0)));
            assertEquals(0, rc[13] & 0x0F);
            n.close();
        }
    }

    @Test
    void physicalBlockMustBeAPowerOfTwoMultipleOfTheLogicalOne() {
        assertThrows(IllegalArgumentException.class, () -> spec(4096, 512));
        assertThrows(IllegalArgumentException.class, () -> spec(512, 1536));
    }
}
