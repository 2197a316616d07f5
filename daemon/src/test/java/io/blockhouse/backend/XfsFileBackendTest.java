package io.blockhouse.backend;

/** FileBackend on a loop-mounted xfs image. */
class XfsFileBackendTest extends MountedFileSystemContract {

    @Override
    String type() {
        return "xfs";
    }
}
