package io.blockhouse.scsi;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.Discardable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A RAM back-end for tests that need a slow or a different medium: writes can be held at a gate until the test
 * opens it, and discard can be declared not to read back zeros (like a block device's own discard).
 */
final class GatedRamBackend implements BlockBackend, Discardable {
    private final BlockBackend ram;
    private final boolean discardReadsZeros;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedRamBackend(long bytes, boolean discardReadsZeros) throws IOException {
        this.ram = Backends.open(new BackendSpec(BackendSpec.Kind.RAM, null, bytes, false, false, false));
        this.discardReadsZeros = discardReadsZeros;
    }

    /** From now on writes wait until {@link #open()}. */
    void close(boolean closed) {
        gate = closed ? new CountDownLatch(1) : new CountDownLatch(0);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public long size() {
        return ram.size();
    }

    @Override
    public int physicalBlockSize() {
        return ram.physicalBlockSize();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        ram.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("write gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the write gate", e);
        }
        ram.write(offset, src, durable);
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        ((Discardable) ram).discard(offset, length);
    }

    @Override
    public boolean discardReadsZeros() {
        return discardReadsZeros;
    }

    @Override
    public void flush() throws IOException {
        ram.flush();
    }

    @Override
    public boolean volatileCache() {
        return false;
    }

    @Override
    public String describe() {
        return "gated ram";
    }

    @Override
    public void close() throws IOException {
        open();
        ram.close();
    }
}
