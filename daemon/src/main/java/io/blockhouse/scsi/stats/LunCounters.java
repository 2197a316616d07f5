package io.blockhouse.scsi.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Read/write counters of one LUN as one party sees it: a session (I_T nexus) or a whole target port. The counters
 * of a session's LUN have the target port's counters of the same LUN as their parent, so one completion updates
 * both without a lookup.
 */
public final class LunCounters {
    private final int lun;
    private final String device;
    private final LunCounters parent;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /**
     * @param lun    LUN number
     * @param device name of the device mapped there
     * @param parent counters that see every completion counted here too, or null
     */
    public LunCounters(int lun, String device, LunCounters parent) {
        this.lun = lun;
        this.device = device;
        this.parent = parent;
    }

    public int lun() {
        return lun;
    }

    public String device() {
        return device;
    }

    /**
     * Counts one completed command.
     *
     * @param kind           read, write or other (other commands count only as errors)
     * @param good           the command ended with GOOD (only then its bytes moved)
     * @param checkCondition the command ended with CHECK CONDITION
     * @param bytes          bytes transferred
     */
    public void record(IoKind kind, boolean good, boolean checkCondition, long bytes) {
        switch (kind) {
            case READ -> {
                reads.increment();
                if (good) {
                    bytesRead.add(bytes);
                }
            }
            case WRITE -> {
                writes.increment();
                if (good) {
                    bytesWritten.add(bytes);
                }
            }
            default -> {
            }
        }
        if (checkCondition) {
            errors.increment();
        }
        if (parent != null) {
            parent.record(kind, good, checkCondition, bytes);
        }
    }

    /** The counters now. */
    public Snapshot snapshot() {
        return new Snapshot(lun, device, reads.sum(), writes.sum(), bytesRead.sum(), bytesWritten.sum(),
                errors.sum());
    }

    /**
     * Counters of one LUN read at one time.
     *
     * @param reads        read commands completed (any status)
     * @param writes       write commands completed (any status)
     * @param bytesRead    bytes of reads that ended GOOD
     * @param bytesWritten bytes of writes that ended GOOD
     * @param errors       commands of any kind that ended with CHECK CONDITION
     */
    public record Snapshot(int lun, String device, long reads, long writes, long bytesRead, long bytesWritten,
                           long errors) {
    }
}
