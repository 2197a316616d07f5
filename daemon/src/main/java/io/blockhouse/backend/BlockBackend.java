package io.blockhouse.backend;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The storage behind one logical unit: a fixed-size, byte-addressed store.
 *
 * <p>Implementations are thread-safe: the SCSI layer issues reads and writes from several I/O threads at once.
 * Offsets and lengths are always multiples of the logical block size the SCSI layer uses (512 or 4096), which is
 * itself a multiple of {@link #physicalBlockSize()}; implementations that need stricter alignment for O_DIRECT
 * (buffer address) bounce through an aligned buffer themselves.
 */
public interface BlockBackend extends Closeable {

    /** Capacity in bytes. */
    long size();

    /** The medium's own sector size (BLKSSZGET for a block device, 512 for files, RAM and null). */
    int physicalBlockSize();

    /** Reads exactly {@code dst.remaining()} bytes at {@code offset} into {@code dst}, advancing its position. */
    void read(long offset, ByteBuffer dst) throws IOException;

    /**
     * Writes all of {@code src.remaining()} bytes at {@code offset}, advancing its position. When {@code durable}
     * is true (FUA, or a write-through device) the data is on stable storage when this returns.
     */
    void write(long offset, ByteBuffer src, boolean durable) throws IOException;

    /** Makes every write completed before this call durable (SYNCHRONIZE CACHE). */
    void flush() throws IOException;

    /** True when writes land in a volatile cache until {@link #flush()} (drives the WCE bit of the caching page). */
    boolean volatileCache();

    /** Short human description for logs, e.g. "file /var/lib/blockhouse/disk0.img (O_DIRECT)". */
    String describe();
}
