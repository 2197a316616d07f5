package io.blockhouse.backend;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A back-end whose cached writes are usually a copy into memory (the page cache of a buffered file) that the network
 * thread can do itself: handing a 4 KiB write to an I/O thread and its completion back costs more than the copy.
 * Unlike {@link CachedReads} the kernel gives no way to ask first on every file system (ext4 refuses buffered
 * RWF_NOWAIT writes), so the back-end decides from what it knows: the write covers whole cache pages, so the kernel
 * never reads the rest of a page from the device, and its recent quick writes did not wait. Check with
 * {@code backend instanceof QuickWrites}.
 */
public interface QuickWrites {

    /**
     * Writes all of {@code src} at {@code offset} into the cache (not durable) and returns true, or returns false
     * without writing anything when this write might wait for the device; the caller then queues a normal
     * {@link BlockBackend#write}.
     *
     * @throws IOException when the write was tried and failed (no space, an I/O error)
     */
    boolean writeIfQuick(long offset, ByteBuffer src) throws IOException;
}
