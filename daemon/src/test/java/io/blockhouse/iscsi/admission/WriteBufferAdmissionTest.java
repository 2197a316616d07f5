package io.blockhouse.iscsi.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.session.SessionRegistry;
import io.blockhouse.iscsi.testing.InitiatorHarness;
import io.blockhouse.iscsi.testing.MemoryNexus;
import io.blockhouse.iscsi.testing.TargetPduView;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import io.blockhouse.iscsi.testing.Wire;
import io.blockhouse.scsi.ScsiStatus;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server-wide write buffer budget seen from the wire: writes that bring their data are refused with TASK SET
 * FULL / BUSY when the budget is used up (other sessions hold it: here the test holds it), solicited writes get their
 * R2T only once the budget has room, and every byte comes back when tasks end.
 */
class WriteBufferAdmissionTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:budget";
    private static final int WRITE10 = 0x2a;
    private static final long BUDGET = AdmissionLimits.MIN_WRITE_BUFFER_BYTES;

    private final TestTarget target = new TestTarget(IQN, 64);
    private final SessionRegistry registry = new SessionRegistry(new ConnectionAdmission(
            new AdmissionLimits(4, 4, BUDGET)));
    private final WriteBudget budget = registry.admission().writeBudget();
    private InitiatorHarness h;
    private MemoryNexus nexus;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
        assertEquals(0, budget.heldBytes(), "every claimed byte came back");
        assertEquals(0, budget.waiting());
    }

    private void login(boolean initialR2T) {
        h = new InitiatorHarness(new TestCatalog().add(target), InitiatorHarness.settings(16, 262144, 65536, true,
                initialR2T, 1), registry);
        h.loginNormal(IQN, "ImmediateData=Yes", "InitialR2T=" + (initialR2T ? "Yes" : "No"));
        nexus = target.lastNexus();
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 13 + seed);
        }
        return b;
    }

    private TargetPduView response(int itt, int status) {
        TargetPduView r = h.next(0x21);
        assertEquals(itt, r.itt());
        assertEquals(status, r.byte3(), "SCSI status");
        return r;
    }

    @Test
    void immediateDataBeyondTheBudgetIsBusyWhenTheSessionIsIdle() {
        login(true);
        WriteBudget.Claim others = budget.tryClaim(BUDGET);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 512, h.cmdSN++, Wire.rw10(WRITE10, 0, 1)),
                pattern(512, 1));
        response(itt, ScsiStatus.BUSY);
        assertEquals(0, nexus.submitted().size(), "the refused write never reached SCSI");
        others.release();

        int retry = h.itt();
        byte[] data = pattern(512, 2);
        h.send(Wire.scsiCommand(false, true, false, true, 0, retry, 512, h.cmdSN++, Wire.rw10(WRITE10, 0, 1)), data);
        response(retry, ScsiStatus.GOOD);
        assertArrayEquals(data, Arrays.copyOf(nexus.disk(), 512));
    }

    @Test
    void immediateDataBeyondTheBudgetIsTaskSetFullWhileTheSessionHasCommandsInFlight() {
        login(true);
        nexus.holdCompletions(true);
        int busyItt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, busyItt, 512, h.cmdSN++, Wire.rw10(0x28, 0, 1)));
        WriteBudget.Claim others = budget.tryClaim(BUDGET);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 512, h.cmdSN++, Wire.rw10(WRITE10, 0, 1)),
                pattern(512, 1));
        response(itt, ScsiStatus.TASK_SET_FULL);
        others.release();
        nexus.releaseHeld();
        h.channel.runPendingTasks();
        assertEquals(busyItt, h.next().itt(), "the held READ completes");
    }

    @Test
    void unsolicitedDataOfARefusedWriteIsDroppedQuietly() {
        login(false);
        WriteBudget.Claim others = budget.tryClaim(BUDGET);
        int itt = h.itt();
        byte[] data = pattern(2048, 3);
        h.send(Wire.scsiCommand(false, false, false, true, 0, itt, 2048, h.cmdSN++, Wire.rw10(WRITE10, 0, 4)),
                Arrays.copyOfRange(data, 0, 512));
        response(itt, ScsiStatus.BUSY);
        h.send(Wire.dataOut(true, 0, itt, Wire.NO_TAG, 0, 512), Arrays.copyOfRange(data, 512, 2048));
        assertTrue(h.nothingMore(), "no Reject for the rest of the refused write's data");
        others.release();
    }

    @Test
    void solicitedWriteWaitsForTheBudgetBeforeItsR2T() {
        login(true);
        WriteBudget.Claim others = budget.tryClaim(BUDGET);
        int itt = h.itt();
        byte[] data = pattern(4096, 4);
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 4096, h.cmdSN++, Wire.rw10(WRITE10, 8, 8)));
        assertTrue(h.nothingMore(), "no R2T while the budget is used up");
        assertEquals(1, budget.waiting());

        others.release();
        h.channel.runPendingTasks();
        TargetPduView r2t = h.next(0x31);
        assertEquals(itt, r2t.itt());
        assertEquals(4096, r2t.int32(44), "the whole transfer is solicited");
        assertEquals(4096, budget.heldBytes(), "the write holds its claim");
        h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 0, 0), data);
        response(itt, ScsiStatus.GOOD);
        assertArrayEquals(data, Arrays.copyOfRange(nexus.disk(), 8 * 512, 8 * 512 + 4096));
    }

    @Test
    void aWaitingWriteGivesItsPlaceBackWhenTheConnectionCloses() {
        login(true);
        WriteBudget.Claim others = budget.tryClaim(BUDGET);
        h.send(Wire.scsiCommand(false, true, false, true, 0, h.itt(), 4096, h.cmdSN++, Wire.rw10(WRITE10, 8, 8)));
        assertEquals(1, budget.waiting());
        h.channel.close();
        h.channel.runPendingTasks();
        assertEquals(0, budget.waiting());
        others.release();
    }
}
