package io.blockhouse.backend;

/**
 * A back-end whose cached writes the kernel runs one at a time anyway: a buffered write to a file holds the file's
 * inode lock from the copy into the page cache to the dirty-page throttling (ext4, XFS and Btrfs alike). The SCSI
 * layer queues such writes on one I/O thread at a time and hands the queue over in batches instead of waking a
 * pool thread per write, which loses no parallelism the kernel would have allowed. Writes that must reach stable
 * storage (FUA, write cache off) are not queued: their wait for the device happens after the lock is dropped and
 * overlaps across threads. Check with {@code backend instanceof SerializedWrites}.
 */
public interface SerializedWrites {

    /** False when writes do not take that path (O_DIRECT, or a file opened write-through). */
    boolean cachedWritesSerialized();
}
