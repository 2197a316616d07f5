package io.blockhouse.it.soak;

/**
 * One look at the daemon process.
 *
 * @param seconds       since the workload started (negative before it)
 * @param phase         start (before any login), warmup, run, or end (every session closed)
 * @param sessions      sessions the workers had logged in at that moment
 * @param logins        logins so far
 * @param commands      SCSI commands ended so far
 * @param threads       the process's threads (/proc/PID/status Threads)
 * @param fds           its open file descriptors (/proc/PID/fd)
 * @param rssKiB        its resident set (/proc/PID/status VmRSS)
 * @param heapUsedKiB   Java heap in use right after a full GC (jcmd GC.run, GC.heap_info)
 */
record Sample(double seconds, String phase, long sessions, long logins, long commands, int threads, int fds,
              long rssKiB, long heapUsedKiB) {

    static final String CSV_HEADER = "seconds,phase,sessions,logins,commands,threads,fds,rss_kib,heap_after_gc_kib";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%.1f,%s,%d,%d,%d,%d,%d,%d,%d", seconds, phase, sessions, logins,
                commands, threads, fds, rssKiB, heapUsedKiB);
    }
}
