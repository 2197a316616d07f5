package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.NativeFile;
import io.blockhouse.kernel.testing.MountedFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FileBackend on a real file system made on a loop device (needs root and mkfs; see ExternalRequirement): the
 * whole back-end contract buffered and with O_DIRECT, plus sparse creation. The file system is made and mounted
 * once per subclass and always unmounted and detached afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MountedFileSystemContract {

    private Path workDir;
    private MountedFileSystem fs;

    /** File system type for mkfs/mount: ext4, xfs or btrfs. */
    abstract String type();

    /** Image size: mkfs.xfs wants at least 300 MiB, mkfs.btrfs about 110 MiB. */
    long imageSize() {
        return 512L << 20;
    }

    /** Logical sector size of the loop device under the file system. */
    int sectorSize() {
        return 512;
    }

    @BeforeAll
    void mount() throws IOException {
        MountedFileSystem.requireAvailable(type());
        workDir = Files.createTempDirectory("blockhouse-" + type());
        fs = MountedFileSystem.create(type(), imageSize(), workDir, sectorSize());
    }

    @Test
    void directIoUsesTheSectorSizeOfTheStorageBelow() throws IOException {
        try (BlockBackend direct = openFile("sector.img", 1 << 20, true, false);
             BlockBackend buffered = openFile("sector.img", 1 << 20, false, false)) {
            assertEquals(sectorSize(), direct.physicalBlockSize(), direct.describe());
            assertEquals(512, buffered.physicalBlockSize(), buffered.describe());
        } finally {
            Files.deleteIfExists(fs.mountPoint().resolve("sector.img"));
        }
    }

    @AfterAll
    void unmount() throws IOException {
        try {
            if (fs != null) {
                fs.close();
            }
        } finally {
            if (workDir != null) {
                Files.deleteIfExists(workDir);
            }
        }
    }

    private BlockBackend openFile(String name, long size, boolean direct, boolean writeThrough) throws IOException {
        return Backends.open(new BackendSpec(BackendSpec.Kind.FILE, fs.mountPoint().resolve(name), size, direct,
                false, writeThrough));
    }

    @Test
    void sparseGibFileOnASmallerFileSystem() throws IOException {
        Path path = fs.mountPoint().resolve("sparse.img");
        try (BlockBackend b = openFile("sparse.img", 1L << 30, true, false)) {
            assertEquals(1L << 30, b.size());
            b.write((1L << 30) - 65536, ByteBuffer.wrap(Buffers.pattern(65536, 1)), true);
            try (NativeFile f = NativeFile.open(path, NativeFile.Access.READ_ONLY)) {
                long allocated = f.stat().allocatedBytes();
                assertTrue(allocated < (4 << 20), type() + ": 1 GiB sparse file allocates " + allocated);
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** Contract through the page cache. */
    @Nested
    class Buffered extends BlockBackendContract {
        @Override
        BlockBackend open(long size) throws IOException {
            return openFile("buffered.img", size, false, false);
        }

        @Override
        void cleanUp() throws IOException {
            Files.deleteIfExists(fs.mountPoint().resolve("buffered.img"));
        }
    }

    /** Contract with O_DIRECT and write-through (O_DSYNC). */
    @Nested
    class DirectWriteThrough extends BlockBackendContract {
        @Override
        BlockBackend open(long size) throws IOException {
            return openFile("direct.img", size, true, true);
        }

        @Override
        void cleanUp() throws IOException {
            Files.deleteIfExists(fs.mountPoint().resolve("direct.img"));
        }
    }

    /** Contract with O_DIRECT and a volatile cache (FUA through RWF_DSYNC, flush through fdatasync). */
    @Nested
    class Direct extends BlockBackendContract {
        @Override
        BlockBackend open(long size) throws IOException {
            return openFile("direct-cached.img", size, true, false);
        }

        @Override
        void cleanUp() throws IOException {
            Files.deleteIfExists(fs.mountPoint().resolve("direct-cached.img"));
        }
    }
}
