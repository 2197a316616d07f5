package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.backend.SerializedWrites;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Cached writes to a back-end whose kernel serializes them (a buffered file): queued and run one at a time, while
 * a write that must reach stable storage (FUA) does not wait behind them.
 */
class CachedWriteLaneTest {
    private static final int FUA = 0x08;

    /** A byte array behind a gate, that records how many writes run at once and which were durable. */
    private static final class GatedArray extends BlockBackendStub implements SerializedWrites {
        final byte[] data = new byte[1 << 20];
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxCachedRunning = new AtomicInteger();
        final List<Boolean> durability = new ArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch firstAtGate = new CountDownLatch(1);
        final CountDownLatch durableStarted = new CountDownLatch(1);
        private final boolean serialized;

        GatedArray(boolean serialized) {
            super(1 << 20, 512);
            this.serialized = serialized;
        }

        @Override
        public boolean cachedWritesSerialized() {
            return serialized;
        }

        @Override
        public boolean volatileCache() {
            return true;
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            synchronized (data) {
                dst.put(data, (int) offset, dst.remaining());
            }
        }

        @Override
        public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
            int now = running.incrementAndGet();
            try {
                if (durable) {
                    durableStarted.countDown();
                } else {
                    maxCachedRunning.accumulateAndGet(now, Math::max);
                    firstAtGate.countDown();
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("gate never opened");
                    }
                }
                synchronized (data) {
                    durability.add(durable);
                    src.get(data, (int) offset, src.remaining());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void cachedWritesRunOneAtATimeAndAFuaWriteOvertakesThem() throws Exception {
        GatedArray backend = new GatedArray(true);
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(8))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            backend.gate = new CountDownLatch(1);
            List<CompletableFuture<ScsiResult>> cached = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                byte[] block = ScsiHarness.pattern(512, i + 1);
                cached.add(h.submit(n, ScsiHarness.write10(i, 1, 0), Unpooled.wrappedBuffer(block)));
            }
            assertTrue(backend.firstAtGate.await(30, TimeUnit.SECONDS));
            byte[] fuaBlock = ScsiHarness.pattern(512, 99);
            CompletableFuture<ScsiResult> fua = h.submit(n, ScsiHarness.write10(100, 1, FUA),
                    Unpooled.wrappedBuffer(fuaBlock));
            ScsiHarness.assertGood(fua.get(30, TimeUnit.SECONDS)); // while the first cached write is held
            assertFalse(cached.get(0).isDone());

            backend.gate.countDown();
            for (CompletableFuture<ScsiResult> f : cached) {
                ScsiHarness.assertGood(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, backend.maxCachedRunning.get(), "cached writes never ran two at once");
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(ScsiHarness.pattern(512, i + 1), h.read(n, i, 1));
            }
            assertArrayEquals(fuaBlock, h.read(n, 100, 1));
            assertEquals(List.of(true, false, false, false, false, false, false), backend.durability,
                    "the FUA write went first, durable; the queued ones followed, cached");
        }
    }

    @Test
    void withTheWriteCacheOffEveryWriteIsDurableAndNoneQueues() throws Exception {
        GatedArray backend = new GatedArray(true);
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(8))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            // MODE SELECT (6) of the caching page with WCE=0
            byte[] caching = new byte[4 + 20];
            caching[4] = 0x08;
            caching[5] = 0x12;
            ScsiHarness.assertGood(h.run(n, ScsiHarness.cdb(0x15, 0x10, 0, 0, caching.length, 0), caching));
            h.write(n, 3, ScsiHarness.pattern(512, 7));
            assertEquals(List.of(true), backend.durability);
        }
    }

    @Test
    void aBackEndWithoutSerializedWritesKeepsParallelWrites() throws Exception {
        GatedArray backend = new GatedArray(false);
        try (BackendHarness h = new BackendHarness(backend, 512, Executors.newFixedThreadPool(8))) {
            Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
            backend.gate = new CountDownLatch(1);
            List<CompletableFuture<ScsiResult>> writes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                writes.add(h.submit(n, ScsiHarness.write10(i, 1, 0),
                        Unpooled.wrappedBuffer(ScsiHarness.pattern(512, i + 1))));
            }
            for (int spin = 0; spin < 3000 && backend.running.get() < 3; spin++) {
                Thread.sleep(10);
            }
            assertEquals(3, backend.running.get(), "all three wait at the gate together");
            backend.gate.countDown();
            for (CompletableFuture<ScsiResult> f : writes) {
                ScsiHarness.assertGood(f.get(30, TimeUnit.SECONDS));
            }
        }
    }
}
