package io.blockhouse.backend;

import io.blockhouse.kernel.testing.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;

/** The back-end contract on a loop device with 512-byte sectors (needs root; see ExternalRequirement). */
class BlockDeviceBackend512Test extends BlockBackendContract {

    private LoopDevice loop;

    int sectorSize() {
        return 512;
    }

    @Override
    BlockBackend open(long size) throws IOException {
        LoopDevice.requireAvailable();
        loop = LoopDevice.create(Files.createTempFile("blockhouse-bdev", ".img"), size, sectorSize());
        BlockBackend b = Backends.open(new BackendSpec(BackendSpec.Kind.BLOCK, loop.device(), 0, true, false,
                false));
        org.junit.jupiter.api.Assertions.assertEquals(sectorSize(), b.physicalBlockSize());
        return b;
    }

    @Override
    void cleanUp() throws IOException {
        if (loop != null) {
            loop.close();
        }
    }
}
