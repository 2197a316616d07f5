package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.read10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task set bound of a logical unit over all its nexuses (SAM-5 5.3.1): beyond it a command is answered TASK SET
 * FULL when its I_T nexus has tasks in the set, BUSY when it has none; ending tasks makes room again.
 */
class TaskSetFullTest {
    private final ScsiHarness h = new ScsiHarness(LogicalUnitSpec.of("lu0", 512, false, false, true, "SERIAL0001"),
            1024, 2);
    private final Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
    private final Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 2);

    @AfterEach
    void close() {
        h.backend.openGate();
        a.close();
        b.close();
        h.close();
    }

    private static ScsiResult await(CompletableFuture<ScsiResult> f) throws Exception {
        ScsiResult r = f.get(10, TimeUnit.SECONDS);
        if (r.dataIn() != null) {
            r.dataIn().release();
        }
        return r;
    }

    @Test
    void fullTaskSetAnswersTaskSetFullOrBusyPerNexus() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> first = h.submit(a, 0, read10(0, 1), null, 1);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<ScsiResult> second = h.submit(a, 0, read10(1, 1), null, 2);
        assertFalse(second.isDone());

        assertEquals(ScsiStatus.TASK_SET_FULL, await(h.submit(a, 0, cdb(0x00), null, 3)).status(),
                "nexus A has tasks in the full set");
        assertEquals(ScsiStatus.BUSY, await(h.submit(b, 0, cdb(0x00), null, 4)).status(),
                "nexus B has none");
        assertEquals(1, h.unit.taskSetBound().taskSetFullCount());
        assertEquals(1, h.unit.taskSetBound().busyCount());

        h.backend.openGate();
        assertEquals(ScsiStatus.GOOD, await(first).status());
        assertEquals(ScsiStatus.GOOD, await(second).status());
        // A task leaves the set just after its callback ran, on the thread that completed it.
        awaitEmptyTaskSet();
        assertEquals(ScsiStatus.GOOD, await(h.submit(b, 0, cdb(0x00), null, 5)).status(), "room again");
        awaitEmptyTaskSet();
    }

    private void awaitEmptyTaskSet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.unit.taskSetBound().size() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(0, h.unit.taskSetBound().size(), "every ended task left the task set");
    }
}
