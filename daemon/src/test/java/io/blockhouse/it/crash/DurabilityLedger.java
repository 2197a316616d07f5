package io.blockhouse.it.crash;

/**
 * What the initiator knows about every block: the newest generation it sent (acknowledged or not), the newest the
 * target acknowledged, and the newest acknowledged as durable (write-through, FUA, or covered by a completed
 * SYNCHRONIZE CACHE). After a crash a block may hold any generation in [durable, issued] and nothing else.
 *
 * <p>Each writer owns a disjoint range of blocks and has one command outstanding, so every slot has a single writer
 * thread; the verifier reads after joining the writers (join is the happens-before edge).
 */
final class DurabilityLedger {

    private final long[] issued;
    private final long[] acknowledged;
    private final long[] durable;

    DurabilityLedger(int blocks) {
        issued = new long[blocks];
        acknowledged = new long[blocks];
        durable = new long[blocks];
    }

    int blocks() {
        return issued.length;
    }

    /** The generation the next write of {@code lba} carries; recorded as issued before the command is sent. */
    long issue(int lba) {
        return ++issued[lba];
    }

    void acknowledged(int lba, long generation) {
        acknowledged[lba] = Math.max(acknowledged[lba], generation);
    }

    void durable(int lba, long generation) {
        durable[lba] = Math.max(durable[lba], generation);
    }

    long issued(int lba) {
        return issued[lba];
    }

    long acknowledged(int lba) {
        return acknowledged[lba];
    }

    long durable(int lba) {
        return durable[lba];
    }
}
