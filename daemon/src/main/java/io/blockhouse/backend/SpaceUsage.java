package io.blockhouse.backend;

import java.io.IOException;

/**
 * A back-end whose medium lives in a file system and occupies space there (a file, sparse or not): how much it
 * takes and how much the file system has left. For the metrics; thin provisioning makes these differ from the size.
 */
public interface SpaceUsage {

    /** Bytes allocated to the medium (st_blocks x 512: less than the size for a sparse file). */
    long allocatedBytes() throws IOException;

    /** Bytes still available to the daemon in the file system holding the medium (statvfs f_bavail x f_frsize). */
    long fileSystemFreeBytes() throws IOException;
}
