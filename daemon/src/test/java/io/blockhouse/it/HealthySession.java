package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.util.Random;

/**
 * A well-behaved session opened before hostile traffic starts; {@link #verify(String)} proves, between attacks,
 * that the target still serves it (writes random data to its private region and reads it back).
 */
public final class HealthySession implements AutoCloseable {

    private final TargetEndpoint endpoint;
    private final IscsiSession session;
    private final long firstLba;
    private final int regionBlocks;
    private final Random random = new Random(4242);
    private long nextLba;
    private int checks;

    /** Opens the session; it uses {@code [firstLba, firstLba + regionBlocks)} exclusively. */
    public HealthySession(TargetEndpoint endpoint, long firstLba, int regionBlocks) throws IOException {
        this.endpoint = endpoint;
        this.session = endpoint.open(endpoint.login().build());
        this.firstLba = firstLba;
        this.regionBlocks = regionBlocks;
        this.nextLba = firstLba;
    }

    public IscsiSession session() {
        return session;
    }

    /** Writes then reads back a few blocks; {@code after} names the preceding attack for the failure message. */
    public void verify(String after) throws IOException {
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
        checks++;
    }

    /** How many successful checks ran. */
    public int checks() {
        return checks;
    }

    /** Reads blocks through the healthy session (to inspect what an attack did or did not write). */
    public byte[] read(long lba, int blocks) throws IOException {
        ScsiOutcome read = session.read10(endpoint.lun(), lba, blocks, endpoint.blockSize());
        assertTrue(read.good(), read.toString());
        return read.data();
    }

    /** Writes blocks through the healthy session. */
    public void write(long lba, byte[] data) throws IOException {
        ScsiOutcome write = session.write10(endpoint.lun(), lba, data, endpoint.blockSize());
        assertTrue(write.good(), write.toString());
    }

    @Override
    public void close() throws IOException {
        session.logout();
    }
}
