package io.blockhouse.backend;

/** FileBackend on a loop-mounted btrfs image. */
class BtrfsFileBackendTest extends MountedFileSystemContract {

    @Override
    String type() {
        return "btrfs";
    }
}
