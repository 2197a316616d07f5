package io.blockhouse.backend;

import io.blockhouse.kernel.Errno;
import io.blockhouse.kernel.NativeIOException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back-end contract for a file opened O_DIRECT and write-through in the temp directory (skipped where that file
 * system refuses O_DIRECT; FileSystemsTest covers O_DIRECT on ext4, XFS and Btrfs for real).
 */
class FileBackendDirectTest extends BlockBackendContract {

    @TempDir
    Path dir;

    @Override
    BlockBackend open(long size) throws IOException {
        try {
            return Backends.open(new BackendSpec(BackendSpec.Kind.FILE, dir.resolve("lu.img"), size, true, false,
                    true));
        } catch (NativeIOException e) {
            Assumptions.assumeFalse(e.errno() == Errno.EINVAL, "temp file system refuses O_DIRECT: " + e);
            throw e;
        }
    }
}
