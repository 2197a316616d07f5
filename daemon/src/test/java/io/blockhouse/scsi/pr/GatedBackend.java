package io.blockhouse.scsi.pr;

import io.blockhouse.backend.BlockBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A RAM back-end whose I/O can be held at a gate, to have tasks in flight when a PREEMPT AND ABORT arrives. */
final class GatedBackend implements BlockBackend {
    private final byte[] data;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);

    GatedBackend(int bytes) {
        this.data = new byte[bytes];
    }

    void closeGate() {
        gate = new CountDownLatch(1);
    }

    void openGate() {
        gate.countDown();
    }

    boolean awaitIoEntered() throws InterruptedException {
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

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public int physicalBlockSize() {
        return 512;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        passGate();
        synchronized (this) {
            dst.put(data, (int) offset, dst.remaining());
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        passGate();
        synchronized (this) {
            src.get(data, (int) offset, src.remaining());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean volatileCache() {
        return false;
    }

    @Override
    public String describe() {
        return "gated ram " + data.length;
    }

    @Override
    public void close() {
    }
}
