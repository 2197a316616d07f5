package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** RamBackend with 64 KiB chunks, so most contract operations span chunks; plus RAM-specific cases. */
class RamBackendTest extends BlockBackendContract {

    private static final int CHUNK = 64 << 10;

    @Override
    BlockBackend open(long size) throws IOException {
        return new RamBackend(size, false, CHUNK);
    }

    @Test
    void writesSpanningSeveralChunksAndStartingOnBoundaries() throws IOException {
        byte[] data = Buffers.pattern(3 * CHUNK + 1024, 9);
        write(CHUNK - 512, data, Buffers.Kind.SKEWED_DIRECT, false);
        assertArrayEquals(data, read(CHUNK - 512, data.length, Buffers.Kind.HEAP));
        byte[] exact = Buffers.pattern(CHUNK, 10);
        write(5L * CHUNK, exact, Buffers.Kind.HEAP, false);
        assertArrayEquals(exact, read(5L * CHUNK, CHUNK, Buffers.Kind.ALIGNED_DIRECT));
        // Reading a window straddling the two writes sees the tail of one, zeros, then the other.
        byte[] window = read(4L * CHUNK, 2 * CHUNK, Buffers.Kind.HEAP);
        byte[] expected = new byte[2 * CHUNK];
        int tailStart = 4 * CHUNK - (CHUNK - 512);
        System.arraycopy(data, tailStart, expected, 0, data.length - tailStart);
        System.arraycopy(exact, 0, expected, CHUNK, CHUNK);
        assertArrayEquals(expected, window);
    }

    @Test
    void sizesAboveTwoGibWithDefaultChunks() throws IOException {
        long size = (3L << 30) + (64 << 10);
        try (RamBackend big = new RamBackend(size, false)) {
            assertEquals(size, big.size());
            long boundary = 2L << 30;
            byte[] data = Buffers.pattern(1 << 20, 11);
            big.write(boundary - 4096, ByteBuffer.wrap(data), false);
            ByteBuffer back = ByteBuffer.allocate(data.length);
            big.read(boundary - 4096, back);
            assertArrayEquals(data, back.array());

            byte[] tail = Buffers.pattern(65536, 12);
            big.write(size - 65536, ByteBuffer.wrap(tail), true);
            ByteBuffer tailBack = ByteBuffer.allocateDirect(65536);
            big.read(size - 65536, tailBack);
            tailBack.flip();
            assertArrayEquals(tail, Buffers.remaining(tailBack));
            assertThrows(IllegalArgumentException.class, () -> big.read(size - 512, ByteBuffer.allocate(1024)));
        }
    }

    @Test
    void sizeBeyondWhatTheMachineCanBackFailsAtCreation() {
        IOException e = assertThrows(IOException.class, () -> new RamBackend(1L << 56, false));
        assertTrue(e.getMessage().startsWith("RAM back-end: cannot reserve 72057594037927936 bytes of memory: mmap"),
                e.getMessage());
    }

    @Test
    void readOnlyRefusesWritesAndDiscards() throws IOException {
        try (RamBackend ro = new RamBackend(1 << 20, true, CHUNK)) {
            IOException e = assertThrows(IOException.class, () -> ro.write(0, ByteBuffer.allocate(512), false));
            assertEquals("ram 1048576 bytes (read-only) is read-only", e.getMessage());
            assertThrows(IOException.class, () -> ro.discard(0, 4096));
            assertArrayEquals(new byte[512], read(ro, 0, 512));
        }
    }

    @Test
    void closedBackendRefusesIo() throws IOException {
        RamBackend ram = new RamBackend(1 << 20, false, CHUNK);
        ram.close();
        ram.close();
        IOException e = assertThrows(IOException.class, () -> ram.read(0, ByteBuffer.allocate(512)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void noVolatileCacheAndNonPowerOfTwoChunksAreRejected() throws IOException {
        assertFalse(backend.volatileCache());
        assertThrows(IllegalArgumentException.class, () -> new RamBackend(1 << 20, false, 3000));
        assertThrows(IllegalArgumentException.class, () -> new RamBackend(0, false, CHUNK));
    }

    private static byte[] read(BlockBackend b, long offset, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        b.read(offset, dst);
        return dst.array();
    }
}
