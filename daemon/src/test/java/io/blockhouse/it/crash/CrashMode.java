package io.blockhouse.it.crash;

/**
 * How the writers make their writes durable, and so which acknowledgements promise survival of a crash.
 */
enum CrashMode {
    /** A write-through device (WCE=0): every acknowledged WRITE is durable. */
    WRITE_THROUGH(true, false, 0, false),
    /** A write-back device, every WRITE with FUA=1: every acknowledged write is durable. */
    FUA(false, true, 0, false),
    /** A write-back device, plain WRITEs and a SYNCHRONIZE CACHE every {@value #SYNC_EVERY} writes per writer. */
    SYNC_CACHE(false, false, CrashMode.SYNC_EVERY, false),
    /**
     * As {@link #FUA}, with the file opened O_DIRECT: the daemon's other write path (kernel-glue pwritev2 with
     * RWF_DSYNC, aligned bounce buffers) instead of the FileChannel one.
     */
    FUA_DIRECT_IO(false, true, 0, true);

    static final int SYNC_EVERY = 8;

    final boolean writeThroughDevice;
    final boolean fua;
    final int syncEvery;
    final boolean directIo;

    CrashMode(boolean writeThroughDevice, boolean fua, int syncEvery, boolean directIo) {
        this.writeThroughDevice = writeThroughDevice;
        this.fua = fua;
        this.syncEvery = syncEvery;
        this.directIo = directIo;
    }

    /** Whether the acknowledgement of a WRITE alone makes it durable. */
    boolean durableOnAck() {
        return writeThroughDevice || fua;
    }
}
