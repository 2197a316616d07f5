package io.blockhouse.backend;

/** FileBackend on ext4 over a loop device with 4096-byte sectors: O_DIRECT then needs 4096-byte alignment. */
class Ext4On4kSectorsFileBackendTest extends MountedFileSystemContract {

    @Override
    String type() {
        return "ext4";
    }

    @Override
    int sectorSize() {
        return 4096;
    }
}
