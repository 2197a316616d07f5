package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static io.blockhouse.scsi.pr.PrHarness.assertSense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PREEMPT AND ABORT ends the victim's tasks, even one whose I/O is inside the back-end, before it completes. */
class PreemptAndAbortTest {
    private static final long KEY_A = 0xAAAA;
    private static final long KEY_B = 0xBBBB;

    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 1);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void victimsTaskBlockedInTheBackEndIsAbortedBeforeThePreemptCompletes() throws Exception {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(b, KEY_B, PrType.WRITE_EXCLUSIVE));
        h.backend.closeGate();
        CompletableFuture<ScsiResult> victimWrite = h.submit(b, PrHarness.write10(3), new byte[512]);
        assertTrue(h.backend.awaitIoEntered());

        CompletableFuture<ScsiResult> preempt = h.submit(a,
                PrHarness.prout(Preempt.PREEMPT_AND_ABORT, PrType.EXCLUSIVE_ACCESS, 24),
                PrHarness.params(KEY_A, KEY_B, 0));
        // Once the preemption is visible the abort has been requested (both happen under the state's lock), and
        // the PREEMPT AND ABORT cannot complete while the victim's write is still in the back-end.
        while (h.keys(a).contains(KEY_B)) {
            Thread.onSpinWait();
        }
        assertFalse(preempt.isDone());
        assertFalse(victimWrite.isDone());
        h.backend.openGate();
        ScsiResult done = preempt.get(10, TimeUnit.SECONDS);
        assertGood(done);
        assertTrue(victimWrite.isDone(), "the victim's task ended before the PREEMPT AND ABORT completed");
        ScsiResult aborted = victimWrite.get();
        // TAS is 1 by default: a task aborted by another I_T nexus ends with TASK ABORTED status (SAM-5 5.6).
        assertEquals(ScsiStatus.TASK_ABORTED, aborted.status());
        assertFalse(aborted.aborted());
        assertEquals(0, b.outstandingTasks());

        assertSense(h.run(b, PrHarness.tur()), 0x6, 0x2A, 0x05);
        assertConflict(h.run(b, PrHarness.read10(0)));
        long[] r = h.reservation(a);
        assertEquals(KEY_A, r[0]);
        assertEquals(PrType.EXCLUSIVE_ACCESS.code(), r[1]);
    }

    @Test
    void thePreemptersOwnTasksAreNotAborted() throws Exception {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        h.backend.closeGate();
        CompletableFuture<ScsiResult> ownRead = h.submit(a, PrHarness.read10(0), null);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<ScsiResult> preempt = h.submit(a,
                PrHarness.prout(Preempt.PREEMPT_AND_ABORT, PrType.WRITE_EXCLUSIVE, 24),
                PrHarness.params(KEY_A, KEY_B, 0));
        assertGood(preempt.get(10, TimeUnit.SECONDS)); // nothing of b's to wait for
        assertFalse(ownRead.isDone());
        h.backend.openGate();
        ScsiResult read = ownRead.get(10, TimeUnit.SECONDS);
        assertEquals(ScsiStatus.GOOD, read.status());
        read.dataIn().release();
        assertNull(h.reservation(a), "no reservation existed: PREEMPT only removed the registration");
    }
}
