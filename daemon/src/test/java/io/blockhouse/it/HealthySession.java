package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A well-behaved session opened before hostile traffic starts. A background thread keeps writing random data to
 * the session's private region and reading it back, all along the attacks; {@link #verify(String)} fails the test
 * when that loop saw an error, and itself proves one more round trip. Being busy, the session also answers target
 * NOP-In pings promptly.
 *
 * <p>The {@link IscsiSession} is single-threaded; every use goes through one lock.
 */
public final class HealthySession implements AutoCloseable {

    private final TargetEndpoint endpoint;
    private final IscsiSession session;
    private final long firstLba;
    private final int regionBlocks;
    private final Random random = new Random(4242);
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong rounds = new AtomicLong();
    private final Thread pump;
    private volatile boolean running = true;
    private long nextLba;

    /** Opens the session and starts the background loop; it uses {@code [firstLba, firstLba + regionBlocks)}. */
    public HealthySession(TargetEndpoint endpoint, long firstLba, int regionBlocks) throws IOException {
        this.endpoint = endpoint;
        this.session = endpoint.open(endpoint.login().build());
        this.firstLba = firstLba;
        this.regionBlocks = regionBlocks;
        this.nextLba = firstLba;
        this.pump = new Thread(this::pumpLoop, "healthy-session");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpLoop() {
        while (running) {
            lock.lock();
            try {
                roundTrip("(background)");
                rounds.incrementAndGet();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                running = false;
            } finally {
                lock.unlock();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Background round trips completed so far. */
    public long backgroundRounds() {
        return rounds.get();
    }

    /**
     * Fails when the background loop hit an error; then writes and reads back a few blocks itself.
     *
     * @param after names the preceding attack for the failure message
     */
    public void verify(String after) throws IOException {
        checkBackground(after);
        lock.lock();
        try {
            roundTrip(after);
        } finally {
            lock.unlock();
        }
    }

    private void checkBackground(String when) {
        Throwable t = failure.get();
        if (t != null) {
            fail("the healthy session failed in the background (noticed after " + when + ")", t);
        }
    }

    private void roundTrip(String after) throws IOException {
        int blocks = 1 + random.nextInt(16);
        if (nextLba + blocks > firstLba + regionBlocks) {
            nextLba = firstLba;
        }
        byte[] data = new byte[blocks * endpoint.blockSize()];
        random.nextBytes(data);
        ScsiOutcome write = session.write10(endpoint.lun(), nextLba, data, endpoint.blockSize());
        assertTrue(write.good(), "healthy session write failed after " + after + ": " + write);
        ScsiOutcome read = session.read10(endpoint.lun(), nextLba, blocks, endpoint.blockSize());
        assertTrue(read.good(), "healthy session read failed after " + after + ": " + read);
        assertArrayEquals(data, read.data(), "healthy session read back wrong data after " + after);
        nextLba += blocks;
    }

    /** Reads blocks through the healthy session (to inspect what an attack did or did not write). */
    public byte[] read(long lba, int blocks) throws IOException {
        lock.lock();
        try {
            ScsiOutcome read = session.read10(endpoint.lun(), lba, blocks, endpoint.blockSize());
            assertTrue(read.good(), read.toString());
            return read.data();
        } finally {
            lock.unlock();
        }
    }

    /** Writes blocks through the healthy session. */
    public void write(long lba, byte[] data) throws IOException {
        lock.lock();
        try {
            ScsiOutcome write = session.write10(endpoint.lun(), lba, data, endpoint.blockSize());
            assertTrue(write.good(), write.toString());
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background loop (failing if it had failed), then logs out. */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            pump.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkBackground("close");
        lock.lock();
        try {
            session.logout();
        } finally {
            lock.unlock();
        }
    }
}
