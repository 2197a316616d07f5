package io.blockhouse.scsi;

import io.blockhouse.backend.BlockBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test back-end: a byte array, with switches that make I/O fail and a gate that holds I/O threads inside
 * read/write until the test opens it (to abort tasks whose I/O is in flight, e.g. by a PREEMPT AND ABORT).
 */
public final class MemoryBackend implements BlockBackend {
    final byte[] data;
    final List<Boolean> writeDurability = new ArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();
    volatile boolean failReads;
    volatile boolean failWrites;
    volatile boolean failFlush;
    volatile boolean closed;
    private final int physicalBlockSize;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);

    public MemoryBackend(int bytes) {
        this(bytes, 512);
    }

    MemoryBackend(int bytes, int physicalBlockSize) {
        this.data = new byte[bytes];
        this.physicalBlockSize = physicalBlockSize;
    }

    /** From now on, I/O blocks until {@link #openGate()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void openGate() {
        gate.countDown();
    }

    /** Waits until some I/O thread is blocked at the gate. */
    public boolean awaitIoEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    private void passGate() throws IOException {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    synchronized List<Boolean> durability() {
        return new ArrayList<>(writeDurability);
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public int physicalBlockSize() {
        return physicalBlockSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        passGate();
        if (failReads) {
            throw new IOException("injected read failure");
        }
        synchronized (this) {
            dst.put(data, (int) offset, dst.remaining());
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        passGate();
        if (failWrites) {
            throw new IOException("injected write failure");
        }
        synchronized (this) {
            src.get(data, (int) offset, src.remaining());
            writeDurability.add(durable);
        }
    }

    @Override
    public void flush() throws IOException {
        if (failFlush) {
            throw new IOException("injected flush failure");
        }
        flushes.incrementAndGet();
    }

    @Override
    public boolean volatileCache() {
        return true;
    }

    @Override
    public String describe() {
        return "memory " + data.length;
    }

    @Override
    public void close() {
        closed = true;
    }
}
