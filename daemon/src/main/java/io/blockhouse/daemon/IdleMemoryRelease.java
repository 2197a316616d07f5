package io.blockhouse.daemon;

import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.kernel.NativeHeap;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back once the target has gone quiet. Under load the daemon's resident size grows with the I/O in
 * flight (pooled direct buffers, cached per event loop) and stays there when the load stops: the event loops keep
 * their buffer caches, which keeps pool chunks in use, and glibc keeps the freed chunks' pages in its arenas.
 * Measured after 32 sessions of I/O had logged out, that was about 50 MiB (docs/PERFORMANCE.md, "Memory"). What
 * stays is what the pool cannot free: chunks that still hold the one empty subpage Netty keeps per size class.
 *
 * <p>Every {@value #CHECK_SECONDS} s it looks whether any iSCSI connection is open; when none is and there was
 * traffic since the last release (or none has happened yet), it has the event loops trim their buffer caches, which
 * frees the pool chunks left empty, and a second later trims the C heap ({@link NativeHeap#releaseFree()}). Nothing of
 * this runs while a connection is open, so the data path never waits for it.
 */
final class IdleMemoryRelease implements AutoCloseable {

    static final long CHECK_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(IdleMemoryRelease.class);

    private final IscsiServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blockhouse-memory-release");
        t.setDaemon(true);
        return t;
    });
    /** Logins counted at the last release; -1 before the first. Touched only on the timer thread. */
    private long loginsAtRelease = -1;
    private boolean nativeHeapUsable = true;

    private IdleMemoryRelease(IscsiServer server) {
        this.server = server;
    }

    /** Starts the periodic check for {@code server}. */
    static IdleMemoryRelease start(IscsiServer server) {
        IdleMemoryRelease release = new IdleMemoryRelease(server);
        release.timer.scheduleWithFixedDelay(release::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        return release;
    }

    private void check() {
        try {
            if (server.connectionCount() > 0) {
                return;
            }
            long logins = server.counters().logins(false) + server.counters().logins(true);
            if (logins == loginsAtRelease) {
                return;
            }
            loginsAtRelease = logins;
            ResidentMemory before = ResidentMemory.self();
            server.trimBufferCaches();
            timer.schedule(() -> trimNativeHeap(before), 1, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            log.warn("idle memory release failed: {}", e.toString());
        }
    }

    private void trimNativeHeap(ResidentMemory before) {
        try {
            if (nativeHeapUsable) {
                NativeHeap.releaseFree();
            }
        } catch (IOException e) {
            nativeHeapUsable = false;
            log.info("C heap not trimmed when idle: {}", e.getMessage());
        }
        try {
            ResidentMemory after = ResidentMemory.self();
            log.info("target idle: buffer caches and C heap trimmed, resident {} -> {} MiB (buffer pool now {} MiB)",
                    before.rssBytes() / ResidentMemory.MIB, after.rssBytes() / ResidentMemory.MIB,
                    PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() / ResidentMemory.MIB);
        } catch (IOException e) {
            log.debug("cannot read resident size: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
