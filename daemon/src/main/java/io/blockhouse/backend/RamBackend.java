package io.blockhouse.backend;

import io.blockhouse.kernel.AnonymousMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A RAM disk: one anonymous mapping of the whole size, reserved at creation, addressed through fixed-size chunks
 * because a ByteBuffer cannot exceed 2 GiB. Pages never written cost no memory and read as zeros. Contents are lost
 * on close.
 *
 * <p>Thread-safe: chunks are only accessed with absolute bulk operations, so their positions never change; a
 * read-write lock keeps {@link #close()} (which unmaps) from racing with I/O, since touching unmapped memory would
 * crash the JVM.
 */
public final class RamBackend implements BlockBackend, Discardable, AllocationMap, Prefetchable, NonBlocking {

    static final int DEFAULT_CHUNK_SIZE = 1 << 30;

    private final long size;
    private final int chunkSize;
    private final boolean readOnly;
    private final AnonymousMemory memory;
    private final ByteBuffer[] chunks;
    /** Written versus never written or discarded, for GET LBA STATUS; the memory itself is zero-filled either way. */
    private final SectorAllocation allocation;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    RamBackend(long size, boolean readOnly) throws IOException {
        this(size, readOnly, DEFAULT_CHUNK_SIZE);
    }

    /** @param chunkSize bytes per ByteBuffer view, a power of two; tests use small chunks to exercise spanning */
    RamBackend(long size, boolean readOnly, int chunkSize) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("RAM back-end size must be positive: " + size);
        }
        if (Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunk size must be a power of two: " + chunkSize);
        }
        this.size = size;
        this.chunkSize = chunkSize;
        this.readOnly = readOnly;
        try {
            this.memory = AnonymousMemory.map(size);
        } catch (IOException e) {
            throw new IOException("RAM back-end: cannot reserve " + size + " bytes of memory: " + e.getMessage(), e);
        }
        int count = (int) ((size + chunkSize - 1) / chunkSize);
        this.chunks = new ByteBuffer[count];
        this.allocation = new SectorAllocation(size);
        for (int i = 0; i < count; i++) {
            long start = (long) i * chunkSize;
            chunks[i] = memory.view(start, (int) Math.min(chunkSize, size - start));
        }
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
    public void read(long offset, ByteBuffer dst) throws IOException {
        Ranges.check("read", offset, dst.remaining(), size);
        acquire();
        try {
            long position = offset;
            while (dst.hasRemaining()) {
                ByteBuffer chunk = chunks[(int) (position / chunkSize)];
                int inChunk = (int) (position % chunkSize);
                int n = Math.min(dst.remaining(), chunk.capacity() - inChunk);
                dst.put(dst.position(), chunk, inChunk, n);
                dst.position(dst.position() + n);
                position += n;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("write", offset, src.remaining(), size);
        acquire();
        try {
            allocation.written(offset, src.remaining());
            long position = offset;
            while (src.hasRemaining()) {
                ByteBuffer chunk = chunks[(int) (position / chunkSize)];
                int inChunk = (int) (position % chunkSize);
                int n = Math.min(src.remaining(), chunk.capacity() - inChunk);
                chunk.put(inChunk, src, src.position(), n);
                src.position(src.position() + n);
                position += n;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Zero-fills the range, so it reads back as zeros as SCSI LBPRZ promises. */
    @Override
    public void discard(long offset, long length) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("discard", offset, length, size);
        byte[] zeros = new byte[(int) Math.min(length, 1 << 20)];
        acquire();
        try {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                ByteBuffer chunk = chunks[(int) (position / chunkSize)];
                int inChunk = (int) (position % chunkSize);
                int n = (int) Math.min(Math.min(end - position, chunk.capacity() - inChunk), zeros.length);
                chunk.put(inChunk, zeros, 0, n);
                position += n;
            }
            allocation.discarded(offset, length);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public boolean discardReadsZeros() {
        return true;
    }

    /** Holes are the sectors never written since creation or discarded since (see {@link SectorAllocation}). */
    @Override
    public AllocationMap.Extent extentAt(long offset, long limit) {
        Ranges.check("extentAt", offset, 1, size);
        return allocation.extentAt(offset, Math.min(limit, size - offset));
    }

    /** Every block already is in memory, the fastest cache there is. */
    @Override
    public boolean prefetch(long offset, long length) {
        Ranges.check("prefetch", offset, length, size);
        return true;
    }

    /** Memory has no cache in front of it: a completed write is as durable as a RAM disk gets. */
    @Override
    public void flush() throws IOException {
        acquire();
        lifecycle.readLock().unlock();
    }

    @Override
    public boolean volatileCache() {
        return false;
    }

    @Override
    public String describe() {
        return "ram " + size + " bytes" + (readOnly ? " (read-only)" : "");
    }

    /** Unmaps the memory after I/O in flight completes; idempotent. */
    @Override
    public void close() throws IOException {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                memory.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void acquire() throws IOException {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new IOException(describe() + " is closed");
        }
    }
}
