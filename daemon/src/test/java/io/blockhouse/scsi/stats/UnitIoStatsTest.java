package io.blockhouse.scsi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseEncoder;
import io.blockhouse.scsi.sense.SenseKey;
import org.junit.jupiter.api.Test;

class UnitIoStatsTest {

    private static final int READ_10 = 0x28;
    private static final int WRITE_16 = 0x8A;
    private static final int INQUIRY = 0x12;

    @Test
    void readsAndWritesCountOperationsBytesAndLatency() {
        UnitIoStats stats = new UnitIoStats();
        stats.record(READ_10, 0x00, null, 4096, 80_000, null);
        stats.record(READ_10, 0x00, null, 512, 80_000, null);
        stats.record(WRITE_16, 0x00, null, 65536, 2_000_000, null);
        stats.record(INQUIRY, 0x00, null, 36, 1_000, null);
        UnitIoStats.Snapshot s = stats.snapshot();
        assertEquals(2, s.readOps());
        assertEquals(4608, s.readBytes());
        assertEquals(1, s.writeOps());
        assertEquals(65536, s.writeBytes());
        assertEquals(1, s.otherOps());
        assertEquals(2, s.readLatency().count());
        assertEquals(160_000, s.readLatency().sumNanos());
        assertEquals(1, s.writeLatency().count());
    }

    @Test
    void failedTransfersCountAsOperationsButMoveNoBytes() {
        UnitIoStats stats = new UnitIoStats();
        byte[] outOfRange = SenseEncoder.encode(Sense.of(SenseKey.ILLEGAL_REQUEST, 0x21, 0x00), false);
        stats.record(WRITE_16, 0x02, outOfRange, 8192, 1_000, null);
        UnitIoStats.Snapshot s = stats.snapshot();
        assertEquals(1, s.writeOps());
        assertEquals(0, s.writeBytes());
        assertEquals(1, s.checkConditionsByKey()[SenseKey.ILLEGAL_REQUEST]);
    }

    @Test
    void senseKeysAreReadFromFixedAndDescriptorSense() {
        UnitIoStats stats = new UnitIoStats();
        stats.record(READ_10, 0x02, SenseEncoder.encode(Sense.of(SenseKey.MEDIUM_ERROR, 0x11, 0x00), false), 512, 1,
                null);
        stats.record(READ_10, 0x02, SenseEncoder.encode(Sense.of(SenseKey.UNIT_ATTENTION, 0x29, 0x00), true), 512, 1,
                null);
        stats.record(READ_10, 0x02, null, 512, 1, null);
        long[] keys = stats.snapshot().checkConditionsByKey();
        assertEquals(1, keys[SenseKey.MEDIUM_ERROR]);
        assertEquals(1, keys[SenseKey.UNIT_ATTENTION]);
        assertEquals(1, keys[SenseKey.NO_SENSE]);
        assertEquals(3, stats.snapshot().readOps());
    }

    @Test
    void otherStatusesAreCountedByNameAndAbortedTasksAreNotOperations() {
        UnitIoStats stats = new UnitIoStats();
        stats.record(WRITE_16, 0x18, null, 0, 1, null);
        stats.record(WRITE_16, 0x08, null, 0, 1, null);
        stats.record(WRITE_16, 0x28, null, 0, 1, null);
        stats.record(WRITE_16, 0x40, null, 0, 1, null);
        UnitIoStats.Snapshot s = stats.snapshot();
        assertEquals(1, s.failedStatuses()[UnitIoStats.FailedStatus.RESERVATION_CONFLICT.ordinal()]);
        assertEquals(1, s.failedStatuses()[UnitIoStats.FailedStatus.BUSY.ordinal()]);
        assertEquals(1, s.failedStatuses()[UnitIoStats.FailedStatus.TASK_SET_FULL.ordinal()]);
        assertEquals(1, s.failedStatuses()[UnitIoStats.FailedStatus.TASK_ABORTED.ordinal()]);
        assertEquals(3, s.writeOps());
        assertEquals(3, s.writeLatency().count());
    }

    @Test
    void lunCountersAndTheirParentSeeEachCompletion() {
        LunCounterTable port = new LunCounterTable();
        LunCounterTable session = new LunCounterTable();
        LunCounters lun = session.counters(3, "disk0", port);
        UnitIoStats stats = new UnitIoStats();
        stats.record(READ_10, 0x00, null, 4096, 1, lun);
        stats.record(WRITE_16, 0x00, null, 1024, 1, lun);
        stats.record(WRITE_16, 0x02, SenseEncoder.encode(Sense.of(SenseKey.DATA_PROTECT, 0x27, 0), false), 512, 1,
                lun);
        stats.record(INQUIRY, 0x00, null, 96, 1, lun);
        LunCounters.Snapshot expected = new LunCounters.Snapshot(3, "disk0", 1, 2, 4096, 1024, 1);
        assertEquals(expected, session.snapshot().get(0));
        assertEquals(expected, port.snapshot().get(0));
        // A second session on the same port adds to the port, not to the first session.
        session = new LunCounterTable();
        session.counters(3, "disk0", port).record(IoKind.READ, true, false, 512);
        assertEquals(1, session.snapshot().get(0).reads());
        assertEquals(2, port.snapshot().get(0).reads());
    }

    @Test
    void tablesKeepOneEntryPerLunAndDevice() {
        LunCounterTable t = new LunCounterTable();
        LunCounters a = t.counters(1, "disk0", null);
        assertEquals(a, t.counters(1, "disk0", null));
        t.counters(1, "disk1", null);
        t.counters(0, "disk1", null);
        assertEquals(3, t.snapshot().size());
        assertEquals(0, t.snapshot().get(0).lun());
        assertEquals("disk0", t.snapshot().get(1).device());
    }

    @Test
    void commandsAreClassifiedByOperationCode() {
        for (int op : new int[] {0x08, 0x28, 0xA8, 0x88}) {
            assertEquals(IoKind.READ, IoKind.of(op), Integer.toHexString(op));
        }
        for (int op : new int[] {0x0A, 0x2A, 0xAA, 0x8A, 0x2E, 0xAE, 0x8E, 0x9C}) {
            assertEquals(IoKind.WRITE, IoKind.of(op), Integer.toHexString(op));
        }
        for (int op : new int[] {0x00, 0x12, 0x35, 0x89, 0x93, 0x42, 0x2F}) {
            assertEquals(IoKind.OTHER, IoKind.of(op), Integer.toHexString(op));
        }
    }
}
