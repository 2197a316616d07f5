package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Thin provisioning over the RAM back-end (release = zero fill). */
class RamThinProvisioningTest extends ThinProvisioningContract {
    @Override
    BackendHarness harness() throws IOException {
        return BackendHarness.ram(BLOCKS * 512);
    }

    @Test
    void getLbaStatusSeesWrittenAndReleasedBlocks() {
        h.write(nexus, 0, pattern(16 * 512, 3));
        assertGood(h.run(nexus, ThinCdbs.unmap(24, false), ThinCdbs.unmapList(4, 4)));
        byte[] d = dataIn(h.run(nexus, ThinCdbs.getLbaStatus(0, 8 + 4 * 16)));
        long[][] expected = {{0, 4, 0}, {4, 4, 1}, {8, 8, 0}, {16, BLOCKS - 16, 1}};
        assertEquals(8 + expected.length * 16, d.length);
        for (int i = 0; i < expected.length; i++) {
            int at = 8 + 16 * i;
            assertEquals(expected[i][0], get(d, at, 8), "LBA of descriptor " + i);
            assertEquals(expected[i][1], get(d, at + 8, 4), "blocks of descriptor " + i);
            assertEquals(expected[i][2], d[at + 12], "status of descriptor " + i + " (0 mapped, 1 deallocated)");
        }
    }
}
