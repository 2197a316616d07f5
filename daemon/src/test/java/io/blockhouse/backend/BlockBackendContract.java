package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every storing back-end must show, run against each implementation by a subclass. The back-end under
 * test is {@value #SIZE} bytes and freshly created (never written).
 */
abstract class BlockBackendContract {

    static final long SIZE = 8L << 20;

    BlockBackend backend;

    /** A new, never written, writable back-end of {@code size} bytes. */
    abstract BlockBackend open(long size) throws IOException;

    /** Releases what {@link #open} set up, after the back-end is closed. */
    void cleanUp() throws IOException {
    }

    @BeforeEach
    void openBackend() throws IOException {
        backend = open(SIZE);
    }

    @AfterEach
    void closeBackend() throws IOException {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            cleanUp();
        }
    }

    void write(long offset, byte[] data, Buffers.Kind kind, boolean durable) throws IOException {
        ByteBuffer src = Buffers.of(kind, data);
        int limit = src.limit();
        backend.write(offset, src, durable);
        assertEquals(limit, src.position(), "write consumes the whole buffer");
    }

    byte[] read(long offset, int length, Buffers.Kind kind) throws IOException {
        ByteBuffer dst = Buffers.allocate(kind, length);
        int start = dst.position();
        backend.read(offset, dst);
        assertEquals(start + length, dst.position(), "read fills the whole buffer");
        dst.position(start);
        return Buffers.remaining(dst);
    }

    @Test
    void reportsSizeAndASectorSizeDividingIt() {
        assertEquals(SIZE, backend.size());
        int sector = backend.physicalBlockSize();
        assertTrue(sector == 512 || sector == 4096, "sector size " + sector);
        assertEquals(0, SIZE % sector);
        assertTrue(backend.describe().length() > 0);
    }

    @Test
    void neverWrittenAreasReadAsZeros() throws IOException {
        assertArrayEquals(new byte[64 << 10], read(SIZE / 2, 64 << 10, Buffers.Kind.HEAP));
        assertArrayEquals(new byte[4096], read(SIZE - 4096, 4096, Buffers.Kind.ALIGNED_DIRECT));
    }

    @Test
    void roundTripsAtVariousOffsetsSizesAndBufferKinds() throws IOException {
        long[][] cases = {
            {0, 4096}, {4096, 512 * 3}, {512 * 11, 512 * 7}, {(1 << 20) - 4096, 12288},
            {2L << 20, (3 << 20) + 4096}, {SIZE - 8192, 8192},
        };
        Buffers.Kind[] kinds = Buffers.Kind.values();
        int round = 0;
        for (long[] c : cases) {
            long offset = c[0];
            int length = (int) c[1];
            if (offset % backend.physicalBlockSize() != 0 || length % backend.physicalBlockSize() != 0) {
                continue;
            }
            Buffers.Kind writeKind = kinds[round % kinds.length];
            Buffers.Kind readKind = kinds[(round + 1) % kinds.length];
            byte[] data = Buffers.pattern(length, offset);
            write(offset, data, writeKind, round % 2 == 0);
            assertArrayEquals(data, read(offset, length, readKind),
                    length + " bytes at " + offset + " written from " + writeKind + ", read into " + readKind);
            round++;
        }
        // Earlier writes survive later ones next to them.
        assertArrayEquals(Buffers.pattern(4096, 0), read(0, 4096, Buffers.Kind.SKEWED_DIRECT));
    }

    @Test
    void overwritingPartOfARangeKeepsTheRest() throws IOException {
        byte[] base = Buffers.pattern(64 << 10, 1);
        write(0, base, Buffers.Kind.HEAP, false);
        byte[] patch = Buffers.pattern(4096, 2);
        write(8192, patch, Buffers.Kind.SKEWED_DIRECT, false);
        System.arraycopy(patch, 0, base, 8192, 4096);
        assertArrayEquals(base, read(0, 64 << 10, Buffers.Kind.ALIGNED_DIRECT));
    }

    @Test
    void durableWritesAndFlushKeepData() throws IOException {
        byte[] data = Buffers.pattern(2 << 20, 3);
        write(4096, data, Buffers.Kind.SKEWED_DIRECT, true);
        write(SIZE - 4096, Buffers.pattern(4096, 4), Buffers.Kind.ALIGNED_DIRECT, true);
        backend.flush();
        assertArrayEquals(data, read(4096, data.length, Buffers.Kind.HEAP));
        assertArrayEquals(Buffers.pattern(4096, 4), read(SIZE - 4096, 4096, Buffers.Kind.HEAP));
    }

    @Test
    void accessOutsideTheBackendIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> backend.read(SIZE - 4096, ByteBuffer.allocate(8192)));
        assertThrows(IllegalArgumentException.class, () -> backend.read(SIZE, ByteBuffer.allocate(512)));
        assertThrows(IllegalArgumentException.class,
                () -> backend.write(-4096, ByteBuffer.allocate(4096), false));
        assertThrows(IllegalArgumentException.class,
                () -> backend.write(Long.MAX_VALUE - 100, ByteBuffer.allocate(4096), false));
    }

    @Test
    void discardedRangesReadAsZerosWhenPromised() throws IOException {
        if (!(backend instanceof Discardable discardable) || !discardable.discardReadsZeros()) {
            return;
        }
        byte[] data = Buffers.pattern(1 << 20, 5);
        write(1 << 20, data, Buffers.Kind.HEAP, false);
        discardable.discard((1 << 20) + 65536, 131072);
        byte[] expected = data.clone();
        java.util.Arrays.fill(expected, 65536, 65536 + 131072, (byte) 0);
        assertArrayEquals(expected, read(1 << 20, 1 << 20, Buffers.Kind.ALIGNED_DIRECT));
        assertThrows(IllegalArgumentException.class, () -> discardable.discard(SIZE - 4096, 8192));
    }

    @Test
    void concurrentWritersOnDistinctRangesAllLand() throws Exception {
        int threads = 6;
        int blocksPerThread = 48;
        int block = 8192;
        Buffers.Kind[] kinds = Buffers.Kind.values();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < blocksPerThread; i++) {
                        long offset = ((long) i * threads + thread) * block;
                        write(offset, Buffers.pattern(block, offset), kinds[(thread + i) % kinds.length], i % 7 == 0);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        backend.flush();
        for (long offset = 0; offset < (long) threads * blocksPerThread * block; offset += block) {
            assertArrayEquals(Buffers.pattern(block, offset), read(offset, block, Buffers.Kind.HEAP),
                    "block at " + offset);
        }
    }
}
