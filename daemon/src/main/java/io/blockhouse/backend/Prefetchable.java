package io.blockhouse.backend;

import java.io.IOException;

/** A back-end with a cache that reads can be started into ahead of time (SCSI PRE-FETCH). */
public interface Prefetchable {

    /**
     * Starts bringing {@code [offset, offset+length)} into the cache without waiting for it.
     *
     * @return true when the range is, or is being brought, into a cache that will serve later reads; false when
     *         the back-end has no such cache (direct I/O), in which case nothing was done
     */
    boolean prefetch(long offset, long length) throws IOException;
}
