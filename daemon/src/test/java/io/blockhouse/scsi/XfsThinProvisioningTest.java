package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.NativeFile;
import io.blockhouse.kernel.testing.MountedFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A thin file LU on a real XFS (loop device): UNMAP gives the file system its blocks back, GET LBA STATUS sees the
 * hole, reads return zeros; and a full file system turns writes into SPACE ALLOCATION FAILED WRITE PROTECT.
 */
class XfsThinProvisioningTest {
    private static final int MIB = 1 << 20;

    private Path workDir;
    private MountedFileSystem fs;

    /**
     * A fresh file system per test: XFS frees a deleted file's blocks in the background, so free space measured
     * right after another test deleted its image would still grow afterwards.
     */
    @BeforeEach
    void mount() throws IOException {
        MountedFileSystem.requireAvailable("xfs");
        workDir = Files.createTempDirectory("blockhouse-thin-xfs");
        fs = MountedFileSystem.create("xfs", 512L * MIB, workDir);
    }

    @AfterEach
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

    private static long allocatedBytes(Path path) throws IOException {
        try (NativeFile f = NativeFile.open(path, NativeFile.Access.READ_ONLY)) {
            return f.stat().allocatedBytes();
        }
    }

    /** Preallocates {@code filler} until the file system has no block left. */
    private static void fill(Path filler) throws IOException {
        try (NativeFile f = NativeFile.open(filler, NativeFile.Access.READ_WRITE, NativeFile.Flag.CREATE)) {
            long size = 0;
            for (long chunk = 64L * MIB; chunk >= 4096; chunk /= 2) {
                while (true) {
                    try {
                        f.allocate(size, chunk);
                        size += chunk;
                    } catch (IOException full) {
                        break;
                    }
                }
            }
        }
    }

    @Test
    void unmapReleasesFileSystemBlocks() throws IOException {
        Path image = fs.mountPoint().resolve("thin.img");
        try (BackendHarness h = BackendHarness.file(image, 64L * MIB)) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] chunk = pattern(4 * MIB, 5);
            for (int i = 0; i < 4; i++) {
                h.write(n, (long) i * chunk.length / 512, chunk); // LBA 0 .. 32767: 16 MiB of data
            }
            assertGood(h.run(n, cdb(0x35)));
            long before = allocatedBytes(image);
            assertTrue(before >= 16L * MIB, "written data is allocated: " + before);

            // release 8 MiB in the middle: LBA 8192 .. 24575
            byte[] list = ThinCdbs.unmapList(8192, 16384);
            assertGood(h.run(n, ThinCdbs.unmap(list.length, false), list));
            long after = allocatedBytes(image);
            assertEquals(before - 8L * MIB, after, "allocated bytes shrink by exactly the unmapped range");

            byte[] status = dataIn(h.run(n, ThinCdbs.getLbaStatus(8192, 64)));
            assertEquals(8192, get(status, 8, 8));
            assertEquals(16384, get(status, 16, 4));
            assertEquals(1, status[20], "deallocated");
            assertEquals(24576, get(status, 24, 8));
            assertEquals(0, status[36], "the data after the hole is still mapped");

            assertArrayEquals(new byte[MIB], h.read(n, 8192, MIB / 512));
            assertArrayEquals(java.util.Arrays.copyOf(chunk, 512), h.read(n, 24576, 1));
            n.close();
        } finally {
            Files.deleteIfExists(image);
        }
    }

    @Test
    void fullFileSystemFailsWritesWithSpaceAllocationFailed() throws IOException {
        Path image = fs.mountPoint().resolve("overcommitted.img");
        Path filler = fs.mountPoint().resolve("filler");
        try (BackendHarness h = BackendHarness.file(image, 1024L * MIB)) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            fill(filler);
            byte[] chunk = pattern(4 * MIB, 1);
            ScsiResult r = h.run(n, ScsiHarness.rw16(0x8A, 0, chunk.length / 512, 0x08), chunk);
            SenseAssert.assertSense(r, 0x7, 0x27, 0x07);

            // Releasing space makes writes possible again. A punched hole frees its blocks at once, where a
            // deleted file's blocks would only be freed later by XFS's background inode work.
            try (NativeFile f = NativeFile.open(filler, NativeFile.Access.READ_WRITE)) {
                f.punchHole(0, 32L * MIB);
            }
            h.write(n, 0, chunk);
            n.close();
        } finally {
            Files.deleteIfExists(filler);
            Files.deleteIfExists(image);
        }
    }
}
