package io.blockhouse.iscsi.admission;

/**
 * Resource limits of one iSCSI server (the {@code iscsi} configuration section).
 *
 * @param maxSessions          sessions (normal and discovery) that may exist at once; a login beyond it fails with
 *                             Login status 03/02 "out of resources". With MaxConnections=1 this also bounds the
 *                             connections in full feature phase
 * @param maxLoginsInProgress  TCP connections that have not finished login; a connection accepted beyond it is
 *                             closed at once (there is no PDU to answer yet). Together with the login timeout this
 *                             bounds what a flood of half-open connections can hold
 * @param writeBufferBytes     write data (immediate, unsolicited and solicited Data-Out) the server may hold before
 *                             the back-end write, over all sessions; beyond it R2Ts wait, and writes that bring
 *                             their data unasked are answered TASK SET FULL or BUSY
 */
public record AdmissionLimits(int maxSessions, int maxLoginsInProgress, long writeBufferBytes) {
    /** The smallest write buffer: one command of the largest size (8 MiB MAXIMUM TRANSFER LENGTH) must fit. */
    public static final long MIN_WRITE_BUFFER_BYTES = 16L << 20;
    /** Default {@link #maxSessions}: well below the default 1024 open-file limit, above any sane cluster. */
    public static final int DEFAULT_MAX_SESSIONS = 256;
    /** Default {@link #maxLoginsInProgress}. */
    public static final int DEFAULT_MAX_LOGINS_IN_PROGRESS = 128;

    public AdmissionLimits {
        if (maxSessions < 1 || maxLoginsInProgress < 1) {
            throw new IllegalArgumentException("limits must be positive: sessions " + maxSessions
                    + ", logins in progress " + maxLoginsInProgress);
        }
        if (writeBufferBytes < MIN_WRITE_BUFFER_BYTES) {
            throw new IllegalArgumentException("write buffer below " + MIN_WRITE_BUFFER_BYTES + ": "
                    + writeBufferBytes);
        }
    }

    /** Defaults, with the write buffer sized from this JVM's heap limit. */
    public static AdmissionLimits defaults() {
        return new AdmissionLimits(DEFAULT_MAX_SESSIONS, DEFAULT_MAX_LOGINS_IN_PROGRESS,
                defaultWriteBufferBytes(Runtime.getRuntime().maxMemory()));
    }

    /**
     * A quarter of the JVM's memory limit (Netty's direct memory defaults to the heap limit, so the buffered
     * writes then take at most a quarter of it), but at least {@link #MIN_WRITE_BUFFER_BYTES} and at most 1 GiB.
     */
    public static long defaultWriteBufferBytes(long maxMemory) {
        long quarter = maxMemory == Long.MAX_VALUE ? 1L << 30 : maxMemory / 4;
        return Math.max(MIN_WRITE_BUFFER_BYTES, Math.min(1L << 30, quarter));
    }
}
