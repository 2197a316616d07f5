package io.blockhouse.it.crash;

import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * One initiator session writing pattern blocks of 1-4 blocks at random places in its own block range, one command
 * at a time, until the daemon dies under it. Records in the {@link DurabilityLedger} what it issued, what the target
 * acknowledged and what it acknowledged as durable (per {@link CrashMode}).
 *
 * <p>The connection breaking is how a writer normally ends; it counts as a failure only when it happens before the
 * test announced the kill with {@link #expectDeath()}.
 */
final class Writer implements Runnable {

    private static final int LUN = 0;
    private static final int MAX_BLOCKS = 4;

    private final String host;
    private final int port;
    private final LoginOptions login;
    private final CrashMode mode;
    private final DurabilityLedger ledger;
    private final BlockPattern pattern;
    private final int first;
    private final int end;
    private final Random random;
    private final CountDownLatch ready;
    private final List<long[]> pending = new ArrayList<>();
    private volatile boolean deathExpected;
    private volatile String failure;
    private long writesAcknowledged;
    private long blocksAcknowledged;
    private long syncsCompleted;

    Writer(String host, int port, LoginOptions login, CrashMode mode, DurabilityLedger ledger, BlockPattern pattern,
           int first, int end, long seed, CountDownLatch ready) {
        this.host = host;
        this.port = port;
        this.login = login;
        this.mode = mode;
        this.ledger = ledger;
        this.pattern = pattern;
        this.first = first;
        this.end = end;
        this.random = new Random(seed);
        this.ready = ready;
    }

    /** Called just before the SIGKILL: from now on a broken connection is the expected end. */
    void expectDeath() {
        deathExpected = true;
    }

    @Override
    public void run() {
        boolean announced = false;
        try (IscsiSession session = IscsiSession.login(host, port, login)) {
            session.clearUnitAttention(LUN);
            ready.countDown();
            announced = true;
            while (true) {
                writeOnce(session);
            }
        } catch (IOException e) {
            if (!deathExpected) {
                failure = "writer for blocks [" + first + ", " + end + ") failed before the kill: " + e;
            }
        } catch (RuntimeException e) {
            failure = "writer for blocks [" + first + ", " + end + "): " + e;
        } finally {
            if (!announced) {
                ready.countDown(); // do not keep the test waiting for a writer that never got going
            }
        }
    }

    private void writeOnce(IscsiSession session) throws IOException {
        int blocks = 1 + random.nextInt(MAX_BLOCKS);
        int lba = first + random.nextInt(end - first - blocks + 1);
        long[] generations = new long[blocks];
        byte[] data = new byte[blocks * BlockPattern.BLOCK];
        for (int i = 0; i < blocks; i++) {
            generations[i] = ledger.issue(lba + i);
            pattern.fill(data, i * BlockPattern.BLOCK, lba + i, generations[i]);
        }
        ScsiOutcome outcome = session.execute(LUN, Cdbs.write10(lba, blocks, mode.fua), data, 0);
        if (!outcome.good()) {
            throw new IllegalStateException("WRITE(10) at LBA " + lba + " x" + blocks + " not GOOD: " + outcome);
        }
        writesAcknowledged++;
        blocksAcknowledged += blocks;
        for (int i = 0; i < blocks; i++) {
            ledger.acknowledged(lba + i, generations[i]);
            if (mode.durableOnAck()) {
                ledger.durable(lba + i, generations[i]);
            } else {
                pending.add(new long[] {lba + i, generations[i]});
            }
        }
        if (mode.syncEvery > 0 && writesAcknowledged % mode.syncEvery == 0) {
            synchronizeCache(session);
        }
    }

    /** Every write acknowledged before a SYNCHRONIZE CACHE was sent is durable once it completes GOOD. */
    private void synchronizeCache(IscsiSession session) throws IOException {
        ScsiOutcome outcome = session.execute(LUN, Cdbs.synchronizeCache10(), null, 0);
        if (!outcome.good()) {
            throw new IllegalStateException("SYNCHRONIZE CACHE not GOOD: " + outcome);
        }
        syncsCompleted++;
        for (long[] write : pending) {
            ledger.durable((int) write[0], write[1]);
        }
        pending.clear();
    }

    /** Null, or why this writer failed other than by the expected kill. */
    String failure() {
        return failure;
    }

    long writesAcknowledged() {
        return writesAcknowledged;
    }

    long blocksAcknowledged() {
        return blocksAcknowledged;
    }

    long syncsCompleted() {
        return syncsCompleted;
    }
}
