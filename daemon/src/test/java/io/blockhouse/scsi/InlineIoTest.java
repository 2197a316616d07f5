package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.CachedReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Where READ and WRITE run: on the submitting thread for non-blocking back-ends and page-cache hits, on the I/O
 * executor otherwise, with the same data either way.
 */
class InlineIoTest {

    /** An executor that counts what it is given and runs it on its own threads. */
    private static final class CountingExecutor extends AbstractExecutorService {
        final AtomicInteger executed = new AtomicInteger();
        private final ExecutorService delegate = Executors.newCachedThreadPool();

        @Override
        public void execute(Runnable command) {
            executed.incrementAndGet();
            delegate.execute(command);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }

    /** A byte array that claims to be a page cache: hits are served only while {@code cached} is true. */
    private static final class CachedArrayBackend extends BlockBackendStub implements CachedReads {
        final byte[] data = new byte[512 * 512];
        volatile boolean cached = true;
        volatile Thread lastReader;

        CachedArrayBackend() {
            super(512 * 512, 512);
        }

        @Override
        public boolean readsMayBeCached() {
            return true;
        }

        @Override
        public boolean readIfCached(long offset, ByteBuffer dst) {
            if (!cached) {
                dst.put(dst.position(), new byte[dst.remaining()]); // undefined content is allowed: scribble
                return false;
            }
            read(offset, dst);
            return true;
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            lastReader = Thread.currentThread();
            dst.put(data, (int) offset, dst.remaining());
        }

        @Override
        public void write(long offset, ByteBuffer src, boolean durable) {
            src.get(data, (int) offset, src.remaining());
        }

        @Override
        public String describe() {
            return "cached array";
        }
    }

    @Test
    void readAndWriteOnRamNeverUseTheIoExecutor() throws IOException {
        CountingExecutor io = new CountingExecutor();
        BlockBackend ram = Backends.open(new BackendSpec(BackendSpec.Kind.RAM, null, 1 << 20, false, false, false));
        try (BackendHarness h = new BackendHarness(ram, 512, io)) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] data = ScsiHarness.pattern(4096, 3);
            h.write(n, 16, data);
            assertArrayEquals(data, h.read(n, 16, 8));
            assertEquals(0, io.executed.get());
        }
    }

    @Test
    void cacheHitIsReadOnTheSubmittingThreadAndAMissOnTheIoExecutor() {
        CountingExecutor io = new CountingExecutor();
        CachedArrayBackend backend = new CachedArrayBackend();
        try (BackendHarness h = new BackendHarness(backend, 512, io)) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            byte[] data = ScsiHarness.pattern(2048, 5);
            h.write(n, 8, data); // a write always goes to the executor: buffered writes can block
            int afterWrite = io.executed.get();
            assertEquals(1, afterWrite);

            assertArrayEquals(data, h.read(n, 8, 4));
            assertEquals(Thread.currentThread(), backend.lastReader);
            assertEquals(afterWrite, io.executed.get());

            int large = 256; // 128 KiB: above the 64 KiB tried inline
            h.read(n, 0, large);
            assertNotEquals(Thread.currentThread(), backend.lastReader, "a large read is copied on the executor");
            assertEquals(afterWrite + 1, io.executed.get());
            afterWrite = io.executed.get();

            backend.cached = false;
            assertArrayEquals(data, h.read(n, 8, 4), "a miss is read again in full, on the executor");
            assertNotEquals(Thread.currentThread(), backend.lastReader);
            assertEquals(afterWrite + 1, io.executed.get());
        }
    }
}
