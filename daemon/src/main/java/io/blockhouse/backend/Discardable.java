package io.blockhouse.backend;

import java.io.IOException;

/**
 * A back-end that can release storage for a range the initiator no longer needs (SCSI UNMAP / WRITE SAME with the
 * UNMAP bit). Check with {@code backend instanceof Discardable}.
 */
public interface Discardable {

    /**
     * Releases {@code [offset, offset+length)}; offset and length are multiples of the logical block size.
     *
     * @throws IOException when the medium refuses, or the back-end is read-only
     */
    void discard(long offset, long length) throws IOException;

    /**
     * True when a discarded range is guaranteed to read back as zeros afterwards (SCSI LBPRZ); false when the
     * medium may return old data (a block device's own discard semantics).
     */
    boolean discardReadsZeros();

    /**
     * The size in bytes of the unit in which space is actually released (a file system block for files); releasing
     * less only zeroes. 512 unless the back-end knows better.
     */
    default int discardGranularity() {
        return 512;
    }
}
