package io.blockhouse.backend;

/** The back-end contract on a loop device with 4096-byte logical sectors. */
class BlockDeviceBackend4kTest extends BlockDeviceBackend512Test {

    @Override
    int sectorSize() {
        return 4096;
    }
}
