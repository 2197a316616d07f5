package io.blockhouse.backend;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A back-end that can say, without waiting, whether a read is served from memory (the page cache of a buffered
 * file). The SCSI layer tries such reads on the network thread that received the command and hands only the misses
 * to the I/O pool. Check with {@code backend instanceof CachedReads}.
 */
public interface CachedReads {

    /** False when no read can ever be served this way (O_DIRECT bypasses the cache): not worth trying. */
    boolean readsMayBeCached();

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code offset} into {@code dst} if that needs no wait for the
     * device, advancing its position, and returns true. Returns false, with {@code dst}'s position unchanged and its
     * content undefined, when the read would block; the caller then does a normal {@link BlockBackend#read}.
     *
     * @throws IOException when the read fails for another reason than having to wait
     */
    boolean readIfCached(long offset, ByteBuffer dst) throws IOException;
}
