package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NativeFile against real files in a temp directory (buffered I/O; O_DIRECT is covered by DirectIoTest). */
class NativeFileTest {

    @TempDir
    Path dir;

    private static ByteBuffer direct(byte[] data) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length);
        b.put(data).flip();
        return b;
    }

    private static byte[] pattern(int length, int seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] readBack(NativeFile f, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        f.read(offset, b);
        assertEquals(length, b.position());
        b.flip();
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    @Test
    void readIfCachedReturnsDataJustWrittenAndLeavesTheBufferAloneWhenItCannot() throws IOException {
        Path p = dir.resolve("cached.img");
        byte[] data = pattern(8192, 7);
        try (NativeFile f = NativeFile.open(p, NativeFile.Access.READ_WRITE, NativeFile.Flag.CREATE)) {
            f.write(0, direct(data));
            ByteBuffer b = ByteBuffer.allocateDirect(4096);
            // Just written through the page cache, so it is cached (unless the kernel lacks RWF_NOWAIT).
            if (f.readIfCached(4096, b)) {
                assertEquals(4096, b.position());
                byte[] out = new byte[4096];
                b.flip().get(out);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, 4096, 8192), out);
            }
            ByteBuffer past = ByteBuffer.allocateDirect(4096);
            assertEquals(false, f.readIfCached(8192, past), "beyond the end of the file nothing is read");
            assertEquals(0, past.position());
        }
    }

    @Test
    void openMissingFileNamesCallPathFlagsAndErrno() {
        Path missing = dir.resolve("nope.img");
        NativeIOException e = assertThrows(NativeIOException.class,
                () -> NativeFile.open(missing, NativeFile.Access.READ_ONLY, NativeFile.Flag.DIRECT));
        assertEquals("open " + missing + " (O_RDONLY|O_DIRECT): No such file or directory (errno 2)", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("open", e.call());
    }

    @Test
    void openDirectoryForWritingFailsWithEisdir() {
        NativeIOException e = assertThrows(NativeIOException.class,
                () -> NativeFile.open(dir, NativeFile.Access.READ_WRITE));
        assertEquals(Errno.EISDIR, e.errno());
        assertTrue(e.getMessage().endsWith("Is a directory (errno 21)"), e.getMessage());
    }

    @Test
    void writeThenReadAtVariousOffsetsHonoursBufferPositions() throws IOException {
        try (NativeFile f = NativeFile.open(dir.resolve("a.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            byte[] first = pattern(4096, 1);
            byte[] second = pattern(777, 2);
            f.write(0, direct(first));
            ByteBuffer withPosition = ByteBuffer.allocateDirect(1000);
            withPosition.position(100);
            withPosition.put(second).flip().position(100);
            f.write(1_000_003, withPosition);
            assertEquals(100 + 777, withPosition.position());

            assertArrayEquals(first, readBack(f, 0, 4096));
            assertArrayEquals(second, readBack(f, 1_000_003, 777));
            // The gap between the two writes was never written: a hole that reads as zeros.
            assertArrayEquals(new byte[512], readBack(f, 500_000, 512));
            assertEquals(1_000_003 + 777, f.size());

            ByteBuffer into = ByteBuffer.allocateDirect(300);
            into.position(50).limit(250);
            f.read(10, into);
            assertEquals(250, into.position());
            byte[] got = new byte[200];
            into.position(50);
            into.get(got);
            byte[] expected = new byte[200];
            System.arraycopy(first, 10, expected, 0, 200);
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void readingPastEndOfFileIsAnError() throws IOException {
        try (NativeFile f = NativeFile.open(dir.resolve("short.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            f.write(0, direct(pattern(1000, 3)));
            EOFException e = assertThrows(EOFException.class, () -> f.read(512, ByteBuffer.allocateDirect(1024)));
            assertTrue(e.getMessage().contains("end of file at offset 1000"), e.getMessage());
        }
    }

    @Test
    void heapAndReadOnlyBuffersAreRefused() throws IOException {
        try (NativeFile f = NativeFile.open(dir.resolve("h.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            assertThrows(IllegalArgumentException.class, () -> f.write(0, ByteBuffer.allocate(512)));
            assertThrows(IllegalArgumentException.class,
                    () -> f.read(0, ByteBuffer.allocateDirect(16).asReadOnlyBuffer()));
        }
    }

    @Test
    void writingToReadOnlyDescriptorReportsEbadf() throws IOException {
        Path p = dir.resolve("ro.img");
        Files.write(p, new byte[4096]);
        try (NativeFile f = NativeFile.open(p, NativeFile.Access.READ_ONLY)) {
            NativeIOException e = assertThrows(NativeIOException.class, () -> f.write(0, direct(new byte[512])));
            assertEquals(Errno.EBADF, e.errno());
            assertEquals("pwrite " + p + " (512 bytes at offset 0): Bad file descriptor (errno 9)", e.getMessage());
        }
    }

    @Test
    void truncateMakesSparseFileAndStatReportsSizeAndAllocation() throws IOException {
        long gib = 1L << 30;
        try (NativeFile f = NativeFile.open(dir.resolve("sparse.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            f.truncate(gib);
            FileStat st = f.stat();
            assertEquals(gib, st.size());
            assertTrue(st.isRegularFile());
            assertTrue(st.allocatedBytes() < (1 << 20), "sparse file allocated " + st.allocatedBytes());

            f.allocate(0, 8 << 20);
            assertTrue(f.stat().allocatedBytes() >= (8 << 20), "fallocate mode 0 allocates");
            assertEquals(gib, f.size());
        }
    }

    @Test
    void punchHoleZeroesRangeKeepsSizeAndSeekFindsHolesAndData() throws IOException {
        int mib = 1 << 20;
        try (NativeFile f = NativeFile.open(dir.resolve("holes.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            f.truncate(8L * mib);
            f.write(2L * mib, direct(pattern(2 * mib, 4)));
            f.fdatasync();
            assertEquals(2L * mib, f.seekData(0));
            assertEquals(0, f.seekHole(0));
            assertEquals(4L * mib, f.seekHole(2L * mib));
            assertEquals(-1, f.seekData(4L * mib), "no data after the written range");
            long before = f.stat().allocatedBytes();

            f.punchHole(2L * mib, mib);
            assertEquals(8L * mib, f.size(), "KEEP_SIZE");
            assertArrayEquals(new byte[mib], readBack(f, 2L * mib, mib));
            assertTrue(f.stat().allocatedBytes() <= before - mib, "punched range deallocated");
            assertEquals(3L * mib, f.seekData(0));
        }
    }

    @Test
    void syncAdviceAndDurableWritesSucceed() throws IOException {
        try (NativeFile f = NativeFile.open(dir.resolve("sync.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE, NativeFile.Flag.DSYNC)) {
            assertTrue(f.isDsync());
            byte[] data = pattern(8192, 5);
            f.writeDurable(4096, direct(data));
            f.fdatasync();
            f.fsync();
            for (NativeFile.Advice advice : NativeFile.Advice.values()) {
                f.fadvise(0, 0, advice);
            }
            assertArrayEquals(data, readBack(f, 4096, 8192));
        }
        try (NativeFile f = NativeFile.open(dir.resolve("fua.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            byte[] data = pattern(3000, 6);
            f.writeDurable(123, direct(data));
            assertArrayEquals(data, readBack(f, 123, 3000));
        }
    }

    @Test
    void invalidAdviceRangeReportsErrorReturnedByFadvise() throws IOException {
        try (NativeFile f = NativeFile.open(dir.resolve("adv.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            NativeIOException e = assertThrows(NativeIOException.class,
                    () -> f.fadvise(0, -1, NativeFile.Advice.RANDOM));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().startsWith("posix_fadvise "), e.getMessage());
        }
    }

    @Test
    void closedFileRefusesFurtherCallsAndCloseIsIdempotent() throws IOException {
        NativeFile f = NativeFile.open(dir.resolve("c.img"), NativeFile.Access.READ_WRITE, NativeFile.Flag.CREATE);
        f.close();
        f.close();
        IOException e = assertThrows(IOException.class, () -> f.write(0, direct(new byte[512])));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IOException.class, f::fdatasync);
    }

    @Test
    void concurrentWritersOnDistinctRangesAllLand() throws Exception {
        int threads = 6;
        int perThread = 64;
        int block = 4096;
        try (NativeFile f = NativeFile.open(dir.resolve("conc.img"), NativeFile.Access.READ_WRITE,
                NativeFile.Flag.CREATE)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            long offset = ((long) i * threads + thread) * block;
                            f.write(offset, direct(pattern(block, (int) offset)));
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
            for (long offset = 0; offset < (long) threads * perThread * block; offset += block) {
                assertArrayEquals(pattern(block, (int) offset), readBack(f, offset, block), "block at " + offset);
            }
        }
    }
}
