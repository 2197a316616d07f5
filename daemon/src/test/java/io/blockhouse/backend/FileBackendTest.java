package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.kernel.NativeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-specific behaviour: creating, growing, refusing to shrink, read-only, sparse allocation, punch hole. */
class FileBackendTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static BackendSpec spec(Path path, long size, boolean direct, boolean readOnly, boolean writeThrough) {
        return new BackendSpec(BackendSpec.Kind.FILE, path, size, direct, readOnly, writeThrough);
    }

    private static long allocatedBytes(Path path) throws IOException {
        try (NativeFile f = NativeFile.open(path, NativeFile.Access.READ_ONLY)) {
            return f.stat().allocatedBytes();
        }
    }

    @Test
    void createsASparseFileOfTheConfiguredSize() throws IOException {
        Path path = dir.resolve("new.img");
        try (BlockBackend b = Backends.open(spec(path, GIB, false, false, false))) {
            assertInstanceOf(FileBackend.class, b);
            assertEquals(GIB, b.size());
            assertEquals(GIB, Files.size(path));
            b.write(GIB / 2, ByteBuffer.wrap(Buffers.pattern(65536, 1)), true);
            b.flush();
        }
        assertTrue(allocatedBytes(path) < (4 << 20), "1 GiB sparse file allocates " + allocatedBytes(path));
    }

    @Test
    void growsASmallerFileKeepingItsDataAndStaysSparse() throws IOException {
        Path path = dir.resolve("grow.img");
        byte[] head = Buffers.pattern(8192, 2);
        Files.write(path, head);
        try (BlockBackend b = Backends.open(spec(path, GIB, false, false, false))) {
            assertEquals(GIB, b.size());
            ByteBuffer back = ByteBuffer.allocate(8192);
            b.read(0, back);
            assertArrayEquals(head, back.array());
            ByteBuffer grown = ByteBuffer.allocate(4096);
            b.read(GIB - 4096, grown);
            assertArrayEquals(new byte[4096], grown.array());
        }
        assertEquals(GIB, Files.size(path));
        assertTrue(allocatedBytes(path) < (1 << 20), "grown part stays sparse");
    }

    @Test
    void refusesToShrinkALargerFile() throws IOException {
        Path path = dir.resolve("big.img");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), (2 << 20) - 1);
        }
        IOException e = assertThrows(IOException.class, () -> Backends.open(spec(path, 1 << 20, false, false, false)));
        assertTrue(e.getMessage().contains("refusing to shrink"), e.getMessage());
        assertTrue(e.getMessage().contains("2097152"), e.getMessage());
        assertEquals(2 << 20, Files.size(path), "file untouched");
    }

    @Test
    void sizeZeroMeansTheExistingFilesOwnSize() throws IOException {
        Path path = dir.resolve("own.img");
        Files.write(path, new byte[3 << 20]);
        try (BlockBackend b = Backends.open(spec(path, 0, false, false, false))) {
            assertEquals(3 << 20, b.size());
        }
    }

    @Test
    void readOnlyFileRefusesWritesDiscardsAndGrowing() throws IOException {
        Path path = dir.resolve("ro.img");
        byte[] data = Buffers.pattern(1 << 20, 3);
        Files.write(path, data);
        try (BlockBackend b = Backends.open(spec(path, 1 << 20, false, true, false))) {
            IOException e = assertThrows(IOException.class,
                    () -> b.write(0, ByteBuffer.allocate(4096), false));
            assertEquals("file " + path + " (buffered, read-only) is read-only", e.getMessage());
            assertThrows(IOException.class, () -> ((Discardable) b).discard(0, 4096));
            ByteBuffer back = ByteBuffer.allocate(1 << 20);
            b.read(0, back);
            assertArrayEquals(data, back.array());
            b.flush();
        }
        IOException grow = assertThrows(IOException.class,
                () -> Backends.open(spec(path, 2 << 20, false, true, false)));
        assertTrue(grow.getMessage().contains("read-only"), grow.getMessage());
    }

    @Test
    void volatileCacheUnlessWriteThrough() throws IOException {
        try (BlockBackend cached = Backends.open(spec(dir.resolve("c.img"), 1 << 20, false, false, false));
             BlockBackend through = Backends.open(spec(dir.resolve("t.img"), 1 << 20, false, false, true))) {
            assertTrue(cached.volatileCache());
            assertFalse(through.volatileCache());
            assertEquals("file " + dir.resolve("t.img") + " (buffered, write-through)", through.describe());
        }
    }

    @Test
    void writesAreVisibleThroughAnIndependentDescriptor() throws IOException {
        Path path = dir.resolve("visible.img");
        byte[] data = Buffers.pattern(65536, 4);
        for (boolean direct : new boolean[] {false, true}) {
            Files.deleteIfExists(path);
            BlockBackend b;
            try {
                b = Backends.open(spec(path, 1 << 20, direct, false, false));
            } catch (io.blockhouse.kernel.NativeIOException e) {
                if (direct && e.errno() == io.blockhouse.kernel.Errno.EINVAL) {
                    continue; // this temp file system refuses O_DIRECT; FileSystems tests cover it
                }
                throw e;
            }
            try (b) {
                b.write(131072, Buffers.of(Buffers.Kind.SKEWED_DIRECT, data), true);
                byte[] onDisk = new byte[65536];
                System.arraycopy(Files.readAllBytes(path), 131072, onDisk, 0, 65536);
                assertArrayEquals(data, onDisk, "direct=" + direct);
            }
        }
    }

    @Test
    void discardPunchesAHoleKeepingTheSize() throws IOException {
        Path path = dir.resolve("punch.img");
        try (BlockBackend b = Backends.open(spec(path, 16 << 20, false, false, false))) {
            b.write(0, ByteBuffer.wrap(Buffers.pattern(8 << 20, 5)), false);
            b.flush();
            long before = allocatedBytes(path);
            Discardable d = (Discardable) b;
            assertTrue(d.discardReadsZeros());
            d.discard(1 << 20, 4 << 20);
            assertEquals(16 << 20, Files.size(path));
            assertTrue(allocatedBytes(path) <= before - (4 << 20), "hole frees blocks");
            ByteBuffer back = ByteBuffer.allocate(4 << 20);
            b.read(1 << 20, back);
            assertArrayEquals(new byte[4 << 20], back.array());
        }
    }

    @Test
    void directIoRejectsUnalignedRequestsClearly() throws IOException {
        Path path = dir.resolve("align.img");
        try (BlockBackend b = Backends.open(spec(path, 1 << 20, true, false, false))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.read(100, ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("not aligned"), e.getMessage());
        } catch (io.blockhouse.kernel.NativeIOException e) {
            org.junit.jupiter.api.Assumptions.abort("temp file system refuses O_DIRECT: " + e);
        }
    }

    @Test
    void anInterruptedThreadDoesNotBreakTheFileForOthers() throws Exception {
        Path path = dir.resolve("interrupt.img");
        byte[] data = Buffers.pattern(4096, 6);
        try (BlockBackend b = Backends.open(spec(path, 1 << 20, false, false, false))) {
            b.write(0, ByteBuffer.wrap(data), false);
            Throwable[] seen = new Throwable[1];
            Thread victim = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    b.read(0, ByteBuffer.allocate(4096));
                } catch (Throwable t) {
                    seen[0] = t;
                }
            });
            victim.start();
            victim.join();
            assertInstanceOf(java.io.InterruptedIOException.class, seen[0]);
            // FileChannel closed itself because of the interrupt; the back-end must carry on for everyone else.
            ByteBuffer back = ByteBuffer.allocate(4096);
            b.read(0, back);
            assertArrayEquals(data, back.array());
            b.write(4096, ByteBuffer.wrap(data), true);
        }
    }

    @Test
    void aDirectoryIsNotAFileBackend() {
        IOException e = assertThrows(IOException.class, () -> Backends.open(spec(dir, 1 << 20, false, false,
                false)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    private static ByteBuffer pattern(int length, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            b.put((byte) (i * 31 + seed));
        }
        return b.flip();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void aQuickWriteOfWholePagesLandsInTheFileAndOtherWritesAreLeftToTheCaller() throws IOException {
        Path path = dir.resolve("quick.img");
        try (BlockBackend b = Backends.open(spec(path, 1 << 20, false, false, false))) {
            QuickWrites quick = assertInstanceOf(QuickWrites.class, b);
            ByteBuffer page = pattern(8192, 1);
            assertTrue(quick.writeIfQuick(16384, page.duplicate()));
            ByteBuffer back = ByteBuffer.allocate(8192);
            b.read(16384, back);
            assertArrayEquals(bytes(page), back.array());

            // Not whole pages: the kernel would read the rest of the page first, so nothing is written here.
            assertFalse(quick.writeIfQuick(512, pattern(4096, 2)));
            assertFalse(quick.writeIfQuick(4096, pattern(512, 3)));
            ByteBuffer untouched = ByteBuffer.allocate(8192);
            b.read(0, untouched);
            assertArrayEquals(new byte[8192], untouched.array());

            assertThrows(IllegalArgumentException.class, () -> quick.writeIfQuick((1 << 20) - 4096, pattern(8192, 4)));
        }
    }

    @Test
    void writeThroughAndDirectFilesNeverWriteQuickly() throws IOException {
        try (BlockBackend wt = Backends.open(spec(dir.resolve("wt.img"), 1 << 20, false, false, true))) {
            assertFalse(((QuickWrites) wt).writeIfQuick(0, pattern(4096, 5)));
            ByteBuffer back = ByteBuffer.allocate(4096);
            wt.read(0, back);
            assertArrayEquals(new byte[4096], back.array());
        }
        try (BlockBackend direct = Backends.open(spec(dir.resolve("direct.img"), 1 << 20, true, false, false))) {
            assertFalse(((QuickWrites) direct).writeIfQuick(0, pattern(4096, 6)));
        }
    }

    @Test
    void aReadOnlyFileRefusesAQuickWrite() throws IOException {
        Path path = dir.resolve("ro.img");
        Files.write(path, new byte[1 << 20]);
        try (BlockBackend b = Backends.open(spec(path, 1 << 20, false, true, false))) {
            assertThrows(IOException.class, () -> ((QuickWrites) b).writeIfQuick(0, pattern(4096, 7)));
        }
    }
}
