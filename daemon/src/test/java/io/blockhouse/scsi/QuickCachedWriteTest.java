package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.backend.QuickWrites;
import io.blockhouse.backend.SerializedWrites;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cached WRITEs to a back-end that can write quickly (a buffered file's page cache) run on the thread that received
 * them; whatever the back-end declines, and every durable or large write, goes through the I/O threads as before.
 */
class QuickCachedWriteTest {
    private static final int FUA = 0x08;

    /** A byte array that answers quick writes as told and records which path and thread each write took. */
    private static final class QuickArray extends BlockBackendStub implements SerializedWrites, QuickWrites {
        final byte[] data = new byte[1 << 20];
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile boolean quick = true;
        volatile IOException quickFailure;

        QuickArray() {
            super(1 << 20, 512);
        }

        @Override
        public boolean cachedWritesSerialized() {
            return true;
        }

        @Override
        public boolean volatileCache() {
            return true;
        }

        @Override
        public synchronized void read(long offset, ByteBuffer dst) {
            dst.put(data, (int) offset, dst.remaining());
        }

        @Override
        public synchronized void write(long offset, ByteBuffer src, boolean durable) {
            calls.add(durable ? "durable" : "cached");
            threads.add(Thread.currentThread());
            src.get(data, (int) offset, src.remaining());
        }

        @Override
        public synchronized boolean writeIfQuick(long offset, ByteBuffer src) throws IOException {
            threads.add(Thread.currentThread());
            if (quickFailure != null) {
                calls.add("quick failed");
                throw quickFailure;
            }
            if (!quick) {
                calls.add("quick declined");
                return false;
            }
            calls.add("quick");
            src.get(data, (int) offset, src.remaining());
            return true;
        }
    }

    private static CompletableFuture<ScsiResult> write(BackendHarness h, Nexus n, long lba, byte[] data, int flags) {
        return h.submit(n, ScsiHarness.write10(lba, data.length / 512, flags), Unpooled.wrappedBuffer(data));
    }

    @Test
    void aCachedWriteTheBackEndTakesQuicklyCompletesOnTheReceivingThread() throws Exception {
        QuickArray backend = new QuickArray();
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] data = ScsiHarness.pattern(4096, 1);
            CompletableFuture<ScsiResult> f = write(h, n, 8, data, 0);
            assertTrue(f.isDone(), "completed before submit returned");
            ScsiHarness.assertGood(f.get());
            assertEquals(List.of("quick"), backend.calls);
            assertSame(Thread.currentThread(), backend.threads.get(0));
            assertArrayEquals(data, h.read(n, 8, 8));
        }
    }

    @Test
    void aDeclinedQuickWriteGoesThroughTheLaneOnce() throws Exception {
        QuickArray backend = new QuickArray();
        backend.quick = false;
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] data = ScsiHarness.pattern(4096, 2);
            ScsiHarness.assertGood(write(h, n, 16, data, 0).get(30, TimeUnit.SECONDS));
            assertEquals(List.of("quick declined", "cached"), backend.calls);
            assertNotSame(Thread.currentThread(), backend.threads.get(1), "written on an I/O thread");
            assertArrayEquals(data, h.read(n, 16, 8));
        }
    }

    @Test
    void fuaAndLargeWritesAreNeverTriedQuickly() throws Exception {
        QuickArray backend = new QuickArray();
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            ScsiHarness.assertGood(write(h, n, 0, ScsiHarness.pattern(4096, 3), FUA).get(30, TimeUnit.SECONDS));
            byte[] large = ScsiHarness.pattern(32 * 1024, 4);
            ScsiHarness.assertGood(write(h, n, 64, large, 0).get(30, TimeUnit.SECONDS));
            assertEquals(List.of("durable", "cached"), backend.calls);
            assertArrayEquals(large, h.read(n, 64, 64));
        }
    }

    @Test
    void aFailedQuickWriteAnswersWriteErrorAndIsNotRetried() throws Exception {
        QuickArray backend = new QuickArray();
        backend.quickFailure = new IOException("injected EIO");
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            ScsiResult r = write(h, n, 24, ScsiHarness.pattern(4096, 5), 0).get(30, TimeUnit.SECONDS);
            SenseAssert.assertSense(r, 0x3, 0x0C, 0x00);
            assertEquals(List.of("quick failed"), backend.calls);
        }
    }

    @Test
    void aCompareAndWriteKeepsTheIoThreadsOnAQuickBackEnd() throws Exception {
        QuickArray backend = new QuickArray();
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] both = new byte[1024];
            System.arraycopy(ScsiHarness.pattern(512, 6), 0, both, 512, 512); // compare zeros, write the pattern
            byte[] cdb = ScsiHarness.cdb(0x89, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0);
            ScsiHarness.assertGood(h.run(n, cdb, both));
            assertTrue(backend.calls.stream().noneMatch(c -> c.startsWith("quick")), backend.calls.toString());
            assertArrayEquals(ScsiHarness.pattern(512, 6), h.read(n, 40, 1));
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // blocking here would never return
    void aWriteToBlocksAnotherCommandHoldsWaitsOnAnIoThreadNotOnTheReceivingOne() throws Exception {
        QuickArray backend = new QuickArray();
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(2))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] data = ScsiHarness.pattern(4096, 7);
            CompletableFuture<ScsiResult> f;
            try (var held = h.unit.rangeLock().lock(12, 1)) { // as a COMPARE AND WRITE on block 12 would
                f = write(h, n, 8, data, 0);
                assertTrue(backend.calls.isEmpty(), "nothing written while block 12 is held: " + backend.calls);
            }
            ScsiHarness.assertGood(f.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("cached"), backend.calls);
            assertNotSame(Thread.currentThread(), backend.threads.get(0));
            assertArrayEquals(data, h.read(n, 8, 8));
        }
    }
}
