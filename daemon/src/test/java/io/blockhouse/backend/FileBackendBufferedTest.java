package io.blockhouse.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The back-end contract for a sparse file through the page cache. */
class FileBackendBufferedTest extends BlockBackendContract {

    @TempDir
    Path dir;

    @Override
    BlockBackend open(long size) throws IOException {
        return Backends.open(new BackendSpec(BackendSpec.Kind.FILE, dir.resolve("lu.img"), size, false, false,
                false));
    }
}
