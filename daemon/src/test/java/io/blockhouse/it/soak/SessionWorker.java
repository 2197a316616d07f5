package io.blockhouse.it.soak;

import io.blockhouse.it.crash.BlockPattern;
import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The workload of one {@link Slot} for the whole run: verified I/O in small pipelined batches, interleaved on its own
 * clock with logins and logouts, connections dropped without logout (idle or with a read in flight), task management
 * aborts while writes are in flight, and, for NOP victims, falling silent until the target's NOP-In timeout ends the
 * session. Any error, protocol violation or data mismatch is recorded in the {@link SoakCounters}; an error ends this
 * worker (a mismatch does not).
 */
final class SessionWorker implements Runnable {

    /** Parameters shared by all workers. */
    record Plan(String host, int port, long deadlineNanos, long seed, Duration nopSilence) {
    }

    private static final int SCSI_GOOD = 0x00;
    private static final int CHECK_CONDITION = 0x02;
    private static final int BUSY = 0x08;
    private static final int TASK_SET_FULL = 0x28;
    private static final int UNIT_ATTENTION = 0x06;
    private static final int MAX_BLOCKS = 8;

    private final Slot slot;
    private final Plan plan;
    private final SoakCounters counters;
    private final SplittableRandom random;
    private final BlockLedger shared;
    private final BlockLedger own;
    private IscsiSession session;
    private long nextRelogin;
    private long nextAbort;
    private long nextSilence;

    SessionWorker(Slot slot, Plan plan, SoakCounters counters) {
        this.slot = slot;
        this.plan = plan;
        this.counters = counters;
        this.random = new SplittableRandom(plan.seed() * 1_000_003L + slot.id());
        // One pattern seed per slot: a block written by another slot reads back as MISPLACED.
        BlockPattern pattern = new BlockPattern(plan.seed() ^ ((long) (slot.id() + 1) << 40));
        this.shared = new BlockLedger(pattern, slot.firstLba(), slot.blocks());
        this.own = slot.privateLun() >= 0 ? new BlockLedger(pattern, 0, slot.blocks()) : null;
    }

    @Override
    public void run() {
        try {
            login();
            long now = System.nanoTime();
            nextRelogin = now + seconds(3, 12);
            nextAbort = now + seconds(1, 6);
            nextSilence = slot.nopVictim() ? now + seconds(4, 12) : Long.MAX_VALUE;
            while ((now = System.nanoTime()) - plan.deadlineNanos() < 0) {
                if (now - nextSilence >= 0) {
                    fallSilent();
                    nextSilence = System.nanoTime() + seconds(6, 16);
                } else if (now - nextRelogin >= 0) {
                    relogin();
                    nextRelogin = System.nanoTime() + seconds(3, 12);
                } else if (now - nextAbort >= 0) {
                    abortRound();
                    nextAbort = System.nanoTime() + seconds(1, 6);
                } else {
                    ioRound();
                }
            }
            session.logout();
            counters.logouts.incrementAndGet();
        } catch (Exception | AssertionError e) {
            counters.failure(slot.name(), e);
        } finally {
            closeQuietly();
        }
    }

    private long seconds(int min, int max) {
        return Duration.ofMillis(random.nextLong(min * 1000L, max * 1000L)).toNanos();
    }

    // ---------------------------------------------------------------- sessions

    private void login() throws IOException {
        // Every login has a fresh random ISID: a new I_T nexus, not a reinstatement of the old session.
        LoginOptions options = LoginOptions.builder().initiatorName(slot.initiatorName()).targetName(slot.target())
                .timeout(Duration.ofSeconds(60)).build();
        session = IscsiSession.login(plan.host(), plan.port(), options);
        counters.logins.incrementAndGet();
        counters.liveSessions.incrementAndGet();
        session.clearUnitAttention(slot.lun());
        if (own != null) {
            session.clearUnitAttention(slot.privateLun());
        }
    }

    private void relogin() throws IOException {
        int how = random.nextInt(4);
        if (how < 2) {
            session.logout();
            counters.logouts.incrementAndGet();
        } else if (how == 2) {
            session.connection().close();
            counters.drops.incrementAndGet();
        } else {
            // A read in flight when the connection goes: the target must abort it and free its buffers. (Not a write:
            // nothing would then tell when that write has stopped, so the blocks' content would stay unknowable.)
            long lba = randomLba(shared, MAX_BLOCKS);
            session.sendCommand(slot.lun(), Cdbs.read10(lba, MAX_BLOCKS), null, MAX_BLOCKS * BlockPattern.BLOCK);
            session.connection().close();
            counters.drops.incrementAndGet();
            counters.dropsWithReadInFlight.incrementAndGet();
        }
        counters.liveSessions.decrementAndGet();
        session = null;
        login();
    }

    /** Stops sending and answering: the target's NOP-In goes unanswered and it must close the connection. */
    private void fallSilent() throws IOException {
        boolean closed = session.connection().awaitClosed(plan.nopSilence());
        session.connection().close();
        counters.liveSessions.decrementAndGet();
        session = null;
        if (!closed) {
            throw new AssertionError("the target did not end a session that ignored its NOP-In within "
                    + plan.nopSilence());
        }
        counters.nopTimeouts.incrementAndGet();
        login();
    }

    private void closeQuietly() {
        if (session != null) {
            counters.liveSessions.decrementAndGet();
            try {
                session.connection().close();
            } catch (IOException ignored) {
                // the run is over for this worker; the failure (if any) is already recorded
            }
            session = null;
        }
    }

    // ---------------------------------------------------------------- I/O

    /** One to four reads and writes of 1-8 blocks in flight together, on disjoint extents. */
    private void ioRound() throws IOException {
        boolean onOwn = own != null && random.nextInt(4) == 0;
        BlockLedger ledger = onOwn ? own : shared;
        int lun = onOwn ? slot.privateLun() : slot.lun();
        CommandBatch batch = new CommandBatch();
        List<long[]> extents = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            int blocks = 1 + random.nextInt(MAX_BLOCKS);
            long lba = randomLba(ledger, blocks);
            if (overlaps(extents, lba, blocks)) {
                continue;
            }
            extents.add(new long[] {lba, blocks});
            batch.add(random.nextBoolean() ? CommandBatch.write(lun, lba, blocks, ledger)
                    : CommandBatch.read(lun, lba, blocks));
        }
        batch.send(session);
        batch.collect(session);
        settle(batch, ledger);
    }

    /**
     * Two to four commands (mostly writes) in flight, then ABORT TASK on one of them, ABORT TASK SET, or (on the
     * private LUN) LOGICAL UNIT RESET. Writes that were aborted leave their blocks unknown between old and new
     * content; they are read back at once, which must find one of the two and settles the ledger.
     */
    private void abortRound() throws IOException {
        int kind = own != null ? random.nextInt(3) : random.nextInt(2);
        int function = switch (kind) {
            case 0 -> CommandBatch.ABORT_TASK;
            case 1 -> CommandBatch.ABORT_TASK_SET;
            default -> CommandBatch.LOGICAL_UNIT_RESET;
        };
        boolean onOwn = function == CommandBatch.LOGICAL_UNIT_RESET || (own != null && random.nextBoolean());
        BlockLedger ledger = onOwn ? own : shared;
        int lun = onOwn ? slot.privateLun() : slot.lun();
        CommandBatch batch = new CommandBatch();
        List<long[]> extents = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            int blocks = 1 + random.nextInt(MAX_BLOCKS);
            long lba = randomLba(ledger, blocks);
            if (!overlaps(extents, lba, blocks)) {
                extents.add(new long[] {lba, blocks});
                batch.add(random.nextInt(4) > 0 ? CommandBatch.write(lun, lba, blocks, ledger)
                        : CommandBatch.read(lun, lba, blocks));
            }
        }
        batch.send(session);
        CommandBatch.Command referenced = batch.commands().get(random.nextInt(batch.commands().size()));
        batch.abort(session, function, lun, referenced);
        switch (function) {
            case CommandBatch.ABORT_TASK -> counters.abortTask.incrementAndGet();
            case CommandBatch.ABORT_TASK_SET -> counters.abortTaskSet.incrementAndGet();
            default -> counters.logicalUnitReset.incrementAndGet();
        }
        settle(batch, ledger);
        readBackUnknown(lun, ledger, batch);
    }

    /** Applies what each ended command means to the ledger, and verifies what reads returned. */
    private void settle(CommandBatch batch, BlockLedger ledger) {
        for (CommandBatch.Command c : batch.commands()) {
            counters.commands.incrementAndGet();
            if (c.aborted) {
                counters.commandsAborted.incrementAndGet();
                if (c.write) {
                    counters.writesAborted.incrementAndGet();
                    ledger.maybeWritten(c.lba, c.generations);
                }
                continue;
            }
            if (c.status == CHECK_CONDITION && c.senseKey() == UNIT_ATTENTION) {
                counters.unitAttentions.incrementAndGet(); // not executed: the blocks keep what they had
                continue;
            }
            if (c.status == BUSY || c.status == TASK_SET_FULL) {
                counters.busy.incrementAndGet(); // not executed either
                continue;
            }
            if (c.status != SCSI_GOOD) {
                throw new AssertionError(c + " ended with status 0x" + Integer.toHexString(c.status) + " sense key "
                        + c.senseKey());
            }
            if (c.write) {
                counters.writes.incrementAndGet();
                counters.blocksWritten.addAndGet(c.blocks);
                ledger.written(c.lba, c.generations);
            } else {
                counters.reads.incrementAndGet();
                verify(ledger, c.lba, c.blocks, c.data);
            }
        }
    }

    /** Reads back the blocks of aborted writes (retrying after a unit attention, e.g. from our own reset). */
    private void readBackUnknown(int lun, BlockLedger ledger, CommandBatch aborted) throws IOException {
        for (CommandBatch.Command c : aborted.commands()) {
            if (!c.aborted || !c.write) {
                continue;
            }
            for (int attempt = 0; ; attempt++) {
                CommandBatch check = new CommandBatch().add(CommandBatch.read(lun, c.lba, c.blocks));
                check.send(session);
                check.collect(session);
                CommandBatch.Command read = check.commands().get(0);
                if (read.status == CHECK_CONDITION && read.senseKey() == UNIT_ATTENTION && attempt < 4) {
                    counters.unitAttentions.incrementAndGet();
                    continue;
                }
                int before = ledger.unknownBlocks();
                settle(check, ledger);
                counters.unknownBlocksSettled.addAndGet(before - ledger.unknownBlocks());
                break;
            }
        }
    }

    private void verify(BlockLedger ledger, long lba, int blocks, byte[] data) {
        String mismatch = ledger.verify(lba, blocks, data);
        counters.blocksVerified.addAndGet(blocks);
        if (mismatch != null) {
            counters.mismatch(slot.name(), mismatch);
        }
    }

    private long randomLba(BlockLedger ledger, int blocks) {
        return ledger.firstLba() + random.nextInt(ledger.blocks() - blocks + 1);
    }

    private static boolean overlaps(List<long[]> extents, long lba, int blocks) {
        for (long[] e : extents) {
            if (lba < e[0] + e[1] && e[0] < lba + blocks) {
                return true;
            }
        }
        return false;
    }
}
