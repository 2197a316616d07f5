package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.testing.LoopDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Block-device ioctls and O_DIRECT against real loop devices (needs root; see ExternalRequirement). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockDeviceTest {

    private static final long SIZE = 64L << 20;

    private Path dir;
    private LoopDevice loop512;
    private LoopDevice loop4k;

    @BeforeAll
    void attach() throws IOException {
        LoopDevice.requireAvailable();
        dir = Files.createTempDirectory("blockhouse-blockdev");
        loop512 = LoopDevice.create(dir.resolve("512.img"), SIZE, 512);
        loop4k = LoopDevice.create(dir.resolve("4k.img"), SIZE, 4096);
    }

    @AfterAll
    void detach() throws IOException {
        try {
            if (loop512 != null) {
                loop512.close();
            }
        } finally {
            if (loop4k != null) {
                loop4k.close();
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    void ioctlNumbersMatchTheLinuxHeaders() {
        assertEquals(0x1268, BlockDevice.BLKSSZGET);
        assertEquals(0x80081272L, BlockDevice.BLKGETSIZE64);
        assertEquals(0x1277, BlockDevice.BLKDISCARD);
        assertEquals(0x127b, BlockDevice.BLKPBSZGET);
    }

    @Test
    void sizeAndSectorSizesOf512ByteLoopDevice() throws IOException {
        try (NativeFile dev = NativeFile.open(loop512.device(), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.DIRECT)) {
            assertEquals(SIZE, BlockDevice.sizeBytes(dev));
            assertEquals(512, BlockDevice.logicalSectorSize(dev));
            assertTrue(BlockDevice.physicalSectorSize(dev) >= 512);
            assertTrue(dev.stat().isBlockDevice());
        }
    }

    @Test
    void sectorSizeOf4096ByteLoopDevice() throws IOException {
        try (NativeFile dev = NativeFile.open(loop4k.device(), NativeFile.Access.READ_ONLY)) {
            assertEquals(4096, BlockDevice.logicalSectorSize(dev));
            assertEquals(4096, BlockDevice.physicalSectorSize(dev));
            assertEquals(SIZE, BlockDevice.sizeBytes(dev));
        }
    }

    @Test
    void directIoRoundTripAndDiscardReadsBackZeros() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        try (NativeFile dev = NativeFile.open(loop512.device(), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.DIRECT)) {
            ByteBuffer out = AlignedBuffers.allocate(data.length, 4096);
            out.put(data).flip();
            dev.writeDurable(4L << 20, out);
            ByteBuffer in = AlignedBuffers.allocate(data.length, 4096);
            dev.read(4L << 20, in);
            in.flip();
            byte[] got = new byte[data.length];
            in.get(got);
            assertArrayEquals(data, got);

            BlockDevice.discard(dev, 4L << 20, 512 << 10);
            in.clear();
            dev.read(4L << 20, in);
            in.flip();
            in.get(got);
            byte[] expected = data.clone();
            java.util.Arrays.fill(expected, 0, 512 << 10, (byte) 0);
            assertArrayEquals(expected, got, "discarded half reads as zeros, the rest is intact");
        }
    }

    @Test
    void misalignedDirectIoNamesTheCallAndRange() throws IOException {
        try (NativeFile dev = NativeFile.open(loop4k.device(), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.DIRECT)) {
            ByteBuffer buf = AlignedBuffers.allocate(4096, 4096);
            NativeIOException e = assertThrows(NativeIOException.class, () -> dev.read(512, buf));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("pread " + loop4k.device() + " (4096 bytes at offset 512): Invalid argument (errno 22)",
                    e.getMessage());
        }
    }

    @Test
    void discardOnRegularFileFailsWithEnotty() throws IOException {
        Path file = Files.createTempFile(dir, "plain", ".img");
        try (NativeFile f = NativeFile.open(file, NativeFile.Access.READ_WRITE)) {
            NativeIOException e = assertThrows(NativeIOException.class, () -> BlockDevice.sizeBytes(f));
            assertEquals(Errno.ENOTTY, e.errno());
            assertTrue(e.getMessage().startsWith("ioctl " + file + " (BLKGETSIZE64): "), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
