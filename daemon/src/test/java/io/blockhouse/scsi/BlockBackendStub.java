package io.blockhouse.scsi;

import io.blockhouse.backend.BlockBackend;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A back-end with a size and sector size but no data, for capacity reporting tests; tests that need a back-end with
 * one particular behaviour extend it and override just that (reads, writes, the description).
 */
class BlockBackendStub implements BlockBackend {
    private final long size;
    private final int physicalBlockSize;

    BlockBackendStub(long size, int physicalBlockSize) {
        this.size = size;
        this.physicalBlockSize = physicalBlockSize;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int physicalBlockSize() {
        return physicalBlockSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        throw new IOException("no data");
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        throw new IOException("no data");
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
        return "stub";
    }

    @Override
    public void close() {
    }
}
