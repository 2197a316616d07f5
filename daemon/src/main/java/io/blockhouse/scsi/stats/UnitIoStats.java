package io.blockhouse.scsi.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * I/O accounting of one logical unit, across every session that maps it: operations and bytes of reads and writes,
 * their latency histograms, other commands, and how commands failed (CHECK CONDITION by sense key, other non-GOOD
 * statuses). Lock-free and allocation-free per command; shared by successive {@code LogicalUnit}s of one device (a
 * resize reopens the unit but the counters go on).
 *
 * <p>Latency is measured inside the SCSI layer: from the nexus receiving the command (all Data-Out already in) to
 * its result, so it includes waiting for task ordering and an I/O thread, not the network.
 */
public final class UnitIoStats {

    /** Statuses other than GOOD / CHECK CONDITION / CONDITION MET that are counted, by their name in metrics. */
    public enum FailedStatus { BUSY, RESERVATION_CONFLICT, TASK_SET_FULL, TASK_ABORTED }

    private final LongAdder otherOps = new LongAdder();
    private final LongAdder readBytes = new LongAdder();
    private final LongAdder writeBytes = new LongAdder();
    private final LatencyHistogram readLatency = new LatencyHistogram();
    private final LatencyHistogram writeLatency = new LatencyHistogram();
    private final LongAdder[] checkConditionsByKey = adders(16);
    private final LongAdder[] failedStatuses = adders(FailedStatus.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /**
     * Accounts one completed command.
     *
     * @param opcode         operation code (CDB byte 0)
     * @param status         SAM status
     * @param sense          sense data (fixed or descriptor format) of a CHECK CONDITION, else null
     * @param transferLength bytes the command moved (see {@code ScsiResult#transferLength})
     * @param nanos          time the SCSI layer took
     * @param lun            the counters of the LUN it came through (with their parents), or null
     */
    public void record(int opcode, int status, byte[] sense, long transferLength, long nanos, LunCounters lun) {
        if (status == 0x40) { // TASK ABORTED: no response or an aborted one; neither completed the operation
            failedStatuses[FailedStatus.TASK_ABORTED.ordinal()].increment();
            return;
        }
        IoKind kind = IoKind.of(opcode);
        boolean good = status == 0x00 || status == 0x04;
        boolean checkCondition = status == 0x02;
        switch (kind) {
            case READ -> {
                readLatency.observe(nanos); // its count is the number of reads: no separate counter to update
                if (good) {
                    readBytes.add(transferLength);
                }
            }
            case WRITE -> {
                writeLatency.observe(nanos);
                if (good) {
                    writeBytes.add(transferLength);
                }
            }
            default -> otherOps.increment();
        }
        if (checkCondition) {
            checkConditionsByKey[senseKey(sense)].increment();
        } else if (!good) {
            FailedStatus f = failedStatus(status);
            if (f != null) {
                failedStatuses[f.ordinal()].increment();
            }
        }
        if (lun != null) {
            lun.record(kind, good, checkCondition, transferLength);
        }
    }

    /** The sense key of fixed (70h/71h) or descriptor (72h/73h) sense data; NO SENSE (0) when there is none. */
    static int senseKey(byte[] sense) {
        if (sense == null || sense.length < 3) {
            return 0;
        }
        int code = sense[0] & 0x7F;
        if (code == 0x72 || code == 0x73) {
            return sense[1] & 0x0F;
        }
        return sense[2] & 0x0F;
    }

    private static FailedStatus failedStatus(int status) {
        return switch (status) {
            case 0x08 -> FailedStatus.BUSY;
            case 0x18 -> FailedStatus.RESERVATION_CONFLICT;
            case 0x28 -> FailedStatus.TASK_SET_FULL;
            default -> null;
        };
    }

    /** Everything now. */
    public Snapshot snapshot() {
        long[] keys = new long[checkConditionsByKey.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = checkConditionsByKey[i].sum();
        }
        long[] failed = new long[failedStatuses.length];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = failedStatuses[i].sum();
        }
        LatencyHistogram.Snapshot reads = readLatency.snapshot();
        LatencyHistogram.Snapshot writes = writeLatency.snapshot();
        return new Snapshot(reads.count(), writes.count(), otherOps.sum(), readBytes.sum(), writeBytes.sum(), reads,
                writes, keys, failed);
    }

    /**
     * One logical unit's accounting read at one time.
     *
     * @param readOps              READ commands completed, any status but TASK ABORTED
     * @param writeOps             WRITE-family commands completed, any status but TASK ABORTED
     * @param otherOps             all other commands completed
     * @param readBytes            bytes of reads that ended GOOD
     * @param writeBytes           bytes of writes that ended GOOD
     * @param checkConditionsByKey CHECK CONDITIONs indexed by sense key (0..15)
     * @param failedStatuses       indexed by {@link FailedStatus#ordinal()}
     */
    public record Snapshot(long readOps, long writeOps, long otherOps, long readBytes, long writeBytes,
                           LatencyHistogram.Snapshot readLatency, LatencyHistogram.Snapshot writeLatency,
                           long[] checkConditionsByKey, long[] failedStatuses) {
    }
}
