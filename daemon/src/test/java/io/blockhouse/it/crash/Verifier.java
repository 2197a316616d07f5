package io.blockhouse.it.crash;

import io.blockhouse.it.initiator.Capacity;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every block of the LU after a restart and holds it against the {@link DurabilityLedger}: a block must hold a
 * generation between the newest acknowledged-durable one and the newest issued one, intact (checksum), at its own
 * LBA; a block never durably written may also read as zeros.
 */
final class Verifier {

    private static final int LUN = 0;
    private static final int BLOCKS_PER_READ = 64;
    private static final int FAILURES_KEPT = 20;

    private Verifier() {
    }

    /** Outcome of one verification pass. */
    record Report(int blocksVerified, List<String> failures, int failureCount, int acknowledgedVolatileLost,
                  int newerThanAcknowledged) {
    }

    static Report verify(String host, int port, LoginOptions login, DurabilityLedger ledger, BlockPattern pattern)
            throws IOException {
        List<String> failures = new ArrayList<>();
        int failureCount = 0;
        int volatileLost = 0;
        int newer = 0;
        try (IscsiSession session = IscsiSession.login(host, port, login)) {
            session.clearUnitAttention(LUN);
            Capacity capacity = session.readCapacity16(LUN);
            if (capacity.blockSize() != BlockPattern.BLOCK || capacity.lastLba() + 1 < ledger.blocks()) {
                throw new IllegalStateException("unexpected capacity after restart: " + capacity);
            }
            for (int lba = 0; lba < ledger.blocks(); lba += BLOCKS_PER_READ) {
                int blocks = Math.min(BLOCKS_PER_READ, ledger.blocks() - lba);
                ScsiOutcome read = session.read10(LUN, lba, blocks, BlockPattern.BLOCK);
                if (!read.good() || read.data().length != blocks * BlockPattern.BLOCK) {
                    throw new IllegalStateException("READ(10) at LBA " + lba + " failed: " + read);
                }
                for (int i = 0; i < blocks; i++) {
                    int block = lba + i;
                    BlockPattern.Observed seen = pattern.decode(read.data(), i * BlockPattern.BLOCK, block);
                    String problem = judge(block, seen, ledger);
                    if (problem != null) {
                        failureCount++;
                        if (failures.size() < FAILURES_KEPT) {
                            failures.add(problem);
                        }
                        continue;
                    }
                    if (seen.generation() < ledger.acknowledged(block)) {
                        volatileLost++;
                    } else if (seen.generation() > ledger.acknowledged(block)) {
                        newer++;
                    }
                }
            }
            session.logout();
        }
        return new Report(ledger.blocks(), failures, failureCount, volatileLost, newer);
    }

    /** Null when the block is allowed, else what is wrong with it. */
    static String judge(int lba, BlockPattern.Observed seen, DurabilityLedger ledger) {
        long durable = ledger.durable(lba);
        long issued = ledger.issued(lba);
        String state = " (durable " + durable + ", acknowledged " + ledger.acknowledged(lba) + ", issued " + issued
                + ")";
        return switch (seen.kind()) {
            case TORN -> "LBA " + lba + " is torn: checksum or magic wrong" + state;
            case MISPLACED -> "LBA " + lba + " holds another block's data (generation " + seen.generation() + ")"
                    + state;
            case ZERO -> durable > 0 ? "LBA " + lba + " reads as zeros: durable generation lost" + state : null;
            case GENERATION -> seen.generation() < durable
                    ? "LBA " + lba + " holds generation " + seen.generation() + ", older than durable" + state
                    : seen.generation() > issued
                    ? "LBA " + lba + " holds generation " + seen.generation() + ", never written" + state
                    : null;
        };
    }
}
