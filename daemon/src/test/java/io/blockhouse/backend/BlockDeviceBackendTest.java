package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.testing.LoopDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Block-device specifics on real loop devices: sizing, sectors, discard, read-only, bad paths. */
class BlockDeviceBackendTest {

    private static final long SIZE = 32L << 20;

    private LoopDevice loop;

    @BeforeEach
    void attach() throws IOException {
        LoopDevice.requireAvailable();
        loop = LoopDevice.create(Files.createTempFile("blockhouse-bdev", ".img"), SIZE, 4096);
    }

    @AfterEach
    void detach() throws IOException {
        if (loop != null) {
            loop.close();
        }
    }

    private static BackendSpec spec(Path path, long size, boolean readOnly, boolean writeThrough) {
        return new BackendSpec(BackendSpec.Kind.BLOCK, path, size, true, readOnly, writeThrough);
    }

    @Test
    void sizeAndSectorComeFromTheDevice() throws IOException {
        try (BlockBackend b = Backends.open(spec(loop.device(), 0, false, false))) {
            assertInstanceOf(BlockDeviceBackend.class, b);
            assertEquals(SIZE, b.size());
            assertEquals(4096, b.physicalBlockSize());
            assertTrue(b.volatileCache());
            assertEquals("block device " + loop.device() + " (O_DIRECT, 4096-byte sectors)", b.describe());
        }
    }

    @Test
    void configuredSizeMayLimitButNotExceedTheDevice() throws IOException {
        try (BlockBackend b = Backends.open(spec(loop.device(), SIZE / 2, false, false))) {
            assertEquals(SIZE / 2, b.size());
            assertThrows(IllegalArgumentException.class, () -> b.read(SIZE / 2, ByteBuffer.allocate(4096)));
        }
        IOException e = assertThrows(IOException.class,
                () -> Backends.open(spec(loop.device(), SIZE * 2, false, false)));
        assertTrue(e.getMessage().contains("less than the configured"), e.getMessage());
    }

    @Test
    void ioNotAlignedToTheSectorIsRefusedBeforeReachingTheKernel() throws IOException {
        try (BlockBackend b = Backends.open(spec(loop.device(), 0, false, false))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.write(512, ByteBuffer.allocate(4096), false));
            assertTrue(e.getMessage().contains("4096-byte sectors"), e.getMessage());
        }
    }

    @Test
    void discardReachesTheDevice() throws IOException {
        try (BlockBackend b = Backends.open(spec(loop.device(), 0, false, true))) {
            assertFalse(b.volatileCache());
            byte[] data = Buffers.pattern(1 << 20, 21);
            b.write(0, ByteBuffer.wrap(data), true);
            Discardable d = (Discardable) b;
            assertFalse(d.discardReadsZeros(), "block devices make no promise in general");
            d.discard(0, 1 << 20);
            // A loop device implements discard by punching a hole in its backing file, so here it reads zeros.
            ByteBuffer back = ByteBuffer.allocate(1 << 20);
            b.read(0, back);
            assertArrayEquals(new byte[1 << 20], back.array());
        }
    }

    @Test
    void readOnlyDeviceRefusesWrites() throws IOException {
        try (BlockBackend b = Backends.open(spec(loop.device(), 0, true, false))) {
            IOException e = assertThrows(IOException.class, () -> b.write(0, ByteBuffer.allocate(4096), false));
            assertTrue(e.getMessage().endsWith("is read-only"), e.getMessage());
            b.read(0, ByteBuffer.allocate(4096));
        }
    }

    @Test
    void aRegularFileIsNotABlockDevice() throws IOException {
        Path file = Files.createTempFile("blockhouse-notdev", ".img");
        try {
            Files.write(file, new byte[8192]);
            IOException e = assertThrows(IOException.class, () -> Backends.open(spec(file, 0, false, false)));
            assertTrue(e.getMessage().contains("is not a block device"), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
