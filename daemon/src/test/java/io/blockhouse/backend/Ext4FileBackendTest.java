package io.blockhouse.backend;

/** FileBackend on a loop-mounted ext4 image. */
class Ext4FileBackendTest extends MountedFileSystemContract {

    @Override
    String type() {
        return "ext4";
    }
}
