package io.blockhouse.backend;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A back-end with no storage: reads return zeros, writes are accepted and dropped. For benchmarks and tests. */
public final class NullBackend implements BlockBackend, Discardable, NonBlocking {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final long size;
    private final boolean readOnly;

    NullBackend(long size, boolean readOnly) {
        this.size = size;
        this.readOnly = readOnly;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int physicalBlockSize() {
        return 512;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        Ranges.check("read", offset, dst.remaining(), size);
        while (dst.hasRemaining()) {
            dst.put(ZEROS, 0, Math.min(ZEROS.length, dst.remaining()));
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("write", offset, src.remaining(), size);
        src.position(src.limit());
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("discard", offset, length, size);
    }

    @Override
    public boolean discardReadsZeros() {
        return true;
    }

    @Override
    public void flush() {
        // Nothing is ever stored, so nothing can be lost.
    }

    @Override
    public boolean volatileCache() {
        return false;
    }

    @Override
    public String describe() {
        return "null " + size + " bytes" + (readOnly ? " (read-only)" : "");
    }

    @Override
    public void close() {
        // No resources.
    }
}
