package io.blockhouse.backend;

import java.io.IOException;

/**
 * A back-end that can tell which of its ranges hold storage and which are holes (SCSI GET LBA STATUS). Check with
 * {@code backend instanceof AllocationMap}.
 */
public interface AllocationMap {

    /**
     * The run of equally allocated bytes that starts at {@code offset}: whether it is backed by storage, and how long
     * it is, at most {@code limit} bytes and never past the back-end's size.
     *
     * @param offset a multiple of the logical block size, inside the back-end
     */
    Extent extentAt(long offset, long limit) throws IOException;

    /**
     * @param mapped true when the bytes have storage allocated (data or preallocated), false for a hole
     * @param length bytes in the run, greater than 0
     */
    record Extent(boolean mapped, long length) {
    }
}
