package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.testing.MountedFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** O_DIRECT on files: on /tmp when it allows it, and for real on a loop-mounted ext4 image. */
class DirectIoTest {

    @TempDir
    Path dir;

    @Test
    void directIoOnTempDirEitherWorksOrExplainsItself() throws IOException {
        Path file = dir.resolve("direct.img");
        NativeFile f;
        try {
            f = NativeFile.open(file, NativeFile.Access.READ_WRITE, NativeFile.Flag.CREATE, NativeFile.Flag.DIRECT);
        } catch (NativeIOException e) {
            // tmpfs before Linux 6.6 refuses O_DIRECT at open.
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("open " + file + " (O_RDWR|O_CREAT|O_DIRECT): Invalid argument (errno 22)",
                    e.getMessage());
            return;
        }
        try (f) {
            roundTripAndMisalignment(f);
        }
    }

    @Test
    void directIoOnLoopMountedExt4() throws IOException {
        MountedFileSystem.requireAvailable("ext4");
        try (MountedFileSystem fs = MountedFileSystem.create("ext4", 128L << 20, dir)) {
            try (NativeFile f = NativeFile.open(fs.mountPoint().resolve("direct.img"), NativeFile.Access.READ_WRITE,
                    NativeFile.Flag.CREATE, NativeFile.Flag.DIRECT)) {
                assertTrue(f.isDirect());
                assertEquals(512, f.directIoOffsetAlignment(), "statx STATX_DIOALIGN on ext4 over 512-byte sectors");
                roundTripAndMisalignment(f);
            }
        }
    }

    @Test
    void directIoAlignmentFollowsTheSectorSizeBelowTheFileSystem() throws IOException {
        MountedFileSystem.requireAvailable("ext4");
        try (MountedFileSystem fs = MountedFileSystem.create("ext4", 128L << 20, dir, 4096);
             NativeFile f = NativeFile.open(fs.mountPoint().resolve("a.img"), NativeFile.Access.READ_WRITE,
                     NativeFile.Flag.CREATE, NativeFile.Flag.DIRECT)) {
            assertEquals(4096, f.directIoOffsetAlignment());
            f.truncate(1 << 20);
            NativeIOException e = assertThrows(NativeIOException.class,
                    () -> f.write(512, AlignedBuffers.allocate(512, 4096)));
            assertEquals(Errno.EINVAL, e.errno());
        }
    }

    private static void roundTripAndMisalignment(NativeFile f) throws IOException {
        f.truncate(16L << 20);
        byte[] data = new byte[64 << 10];
        new Random(11).nextBytes(data);
        ByteBuffer out = AlignedBuffers.allocate(data.length, 4096);
        out.put(data).flip();
        f.write(1L << 20, out);
        ByteBuffer in = AlignedBuffers.allocate(data.length, 4096);
        f.read(1L << 20, in);
        in.flip();
        byte[] got = new byte[data.length];
        in.get(got);
        assertArrayEquals(data, got);

        // O_DIRECT needs an aligned buffer address: one byte off is refused by the kernel, and the message says
        // which call and range failed.
        ByteBuffer skewed = AlignedBuffers.allocate(8192, 4096);
        skewed.position(1).limit(1 + 4096);
        NativeIOException e = assertThrows(NativeIOException.class, () -> f.write(0, skewed));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().startsWith("pwrite " + f.path() + " (4096 bytes at offset 0): Invalid argument"),
                e.getMessage());
    }
}
