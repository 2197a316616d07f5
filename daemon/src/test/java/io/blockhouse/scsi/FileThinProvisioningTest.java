package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thin provisioning over a sparse file in the temporary directory (release = punch hole). */
class FileThinProvisioningTest extends ThinProvisioningContract {
    @TempDir
    Path dir;

    @Override
    BackendHarness harness() throws IOException {
        return BackendHarness.file(dir.resolve("thin.img"), BLOCKS * 512);
    }

    @Test
    void getLbaStatusSeesWrittenAndUnmappedExtents() {
        h.write(nexus, 0, pattern(1024 * 512, 9));
        byte[] list = ThinCdbs.unmapList(256, 256);
        assertGood(h.run(nexus, ThinCdbs.unmap(list.length, false), list));
        byte[] d = dataIn(h.run(nexus, ThinCdbs.getLbaStatus(0, 1024)));
        // mapped 0..255, deallocated 256..511, mapped 512..1023, then the never written rest deallocated
        assertEquals(0, get(d, 8, 8));
        assertEquals(256, get(d, 16, 4));
        assertEquals(0, d[20]);
        assertEquals(256, get(d, 24, 8));
        assertEquals(256, get(d, 32, 4));
        assertEquals(1, d[36]);
        assertEquals(512, get(d, 40, 8));
        assertEquals(512, get(d, 48, 4));
        assertEquals(0, d[52]);
        assertEquals(1024, get(d, 56, 8));
        assertEquals(BLOCKS - 1024, get(d, 64, 4));
        assertEquals(1, d[68]);
    }
}
