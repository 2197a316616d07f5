package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.read10;
import static io.blockhouse.scsi.ScsiHarness.write10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskManagementTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);

    @AfterEach
    void close() {
        h.backend.openGate();
        a.close();
        h.close();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void assertAbortedSilently(ScsiResult r) {
        assertTrue(r.aborted());
        assertNull(r.dataIn());
        assertNull(r.sense());
    }

    @Test
    void abortTaskWaitsForTheRunningIoThenDropsItsResult() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> read = h.submit(a, 0, read10(0, 8), null, 10);
        assertTrue(h.backend.awaitIoEntered());
        assertEquals(1, a.outstandingTasks());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 10);
        assertFalse(tmf.isDone(), "the I/O is still held in the back-end");
        assertFalse(read.isDone());
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertTrue(read.isDone(), "the task's callback ran before the TMF completed");
        assertAbortedSilently(read.get());
        assertEquals(0, a.outstandingTasks());
        assertEquals(0, h.unit.outstandingTasks());
    }

    @Test
    void abortedWriteReleasesItsDataOut() throws Exception {
        h.backend.closeGate();
        ByteBuf out = Unpooled.buffer(512).writeZero(512);
        CompletableFuture<ScsiResult> write = h.submit(a, 0, write10(0, 1, 0), out, 11);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 11);
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertAbortedSilently(write.get());
        assertEquals(0, out.refCnt());
    }

    @Test
    void abortOfAQueuedTaskCompletesAtOnceAndTheTaskNeverRuns() throws Exception {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        MemoryBackend backend = new MemoryBackend(64 * 512);
        LogicalUnit lu = new LogicalUnit(LogicalUnitSpec.of("q", 512, false, false, true, "Q"), backend, queued::add);
        Nexus n = h.port.openNexus(ScsiHarness.INITIATOR_B, new byte[6], LunMap.builder().add(0, lu, false).build());
        assertGood(h.run(n, 0, cdb(0x12, 0, 0, 0, 36, 0)));
        ScsiResult ua = h.submit(n, 0, cdb(0x00), null, 1).get(); // inline: the POWER ON unit attention
        SenseAssert.assertSense(ua, 0x6, 0x29, 0x00);
        ByteBuf out = Unpooled.buffer(512).writeZero(512);
        CompletableFuture<ScsiResult> write = h.submit(n, 0, write10(0, 1, 0), out, 2);
        assertEquals(1, queued.size());
        assertEquals(TmfResponse.FUNCTION_COMPLETE,
                await(n.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 2)));
        assertAbortedSilently(write.get());
        assertEquals(0, out.refCnt());
        queued.poll().run(); // the executor gets to it late: nothing happens
        assertEquals(0, backend.durability().size());
        n.close();
        lu.close();
    }

    @Test
    void abortTaskAnswersTaskDoesNotExistForUnknownOrFinishedTasks() throws Exception {
        assertEquals(TmfResponse.TASK_DOES_NOT_EXIST,
                await(a.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 999)));
        h.run(a, 0, read10(0, 1)).dataIn().release();
        assertEquals(TmfResponse.TASK_DOES_NOT_EXIST,
                await(a.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 1)));
    }

    @Test
    void taskManagementOnAnUnmappedLun() throws Exception {
        for (TmfFunction f : new TmfFunction[] {TmfFunction.ABORT_TASK, TmfFunction.ABORT_TASK_SET,
            TmfFunction.CLEAR_TASK_SET, TmfFunction.LOGICAL_UNIT_RESET}) {
            assertEquals(TmfResponse.LUN_DOES_NOT_EXIST, await(a.taskManagement(f, LunCodec.encode(4), 1)), f.name());
        }
    }

    @Test
    void unsupportedFunctions() throws Exception {
        assertEquals(TmfResponse.FUNCTION_NOT_SUPPORTED, await(a.taskManagement(TmfFunction.CLEAR_ACA, 0, 0)));
        assertEquals(TmfResponse.TASK_REASSIGNMENT_NOT_SUPPORTED,
                await(a.taskManagement(TmfFunction.TASK_REASSIGN, 0, 0)));
    }

    @Test
    void abortTaskSetOnlyTouchesThisNexus() throws Exception {
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        h.backend.closeGate();
        CompletableFuture<ScsiResult> mine = h.submit(a, 0, read10(0, 1), null, 20);
        CompletableFuture<ScsiResult> theirs = h.submit(b, 0, read10(1, 1), null, 20);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.ABORT_TASK_SET, LunCodec.encode(0), 0);
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertAbortedSilently(await(mine));
        assertEquals(512, dataIn(await(theirs)).length);
        assertGood(h.run(b, 0, cdb(0x00))); // no unit attention for B
        b.close();
    }

    @Test
    void clearTaskSetWithTasEndsOtherNexusTasksWithTaskAborted() throws Exception {
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        h.backend.closeGate();
        CompletableFuture<ScsiResult> mine = h.submit(a, 0, read10(0, 1), null, 30);
        CompletableFuture<ScsiResult> theirs = h.submit(b, 0, read10(1, 1), null, 31);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.CLEAR_TASK_SET, LunCodec.encode(0), 0);
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertAbortedSilently(await(mine));
        ScsiResult other = await(theirs);
        assertFalse(other.aborted());
        assertEquals(ScsiStatus.TASK_ABORTED, other.status());
        assertNull(other.dataIn());
        assertGood(h.run(b, 0, cdb(0x00)));
        b.close();
    }

    @Test
    void clearTaskSetWithoutTasTellsTheOtherInitiatorByUnitAttention() throws Exception {
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        byte[] control = {0x0A, 0x0A, 0x02, 0x10, 0, 0x00, 0, 0, 0, 0, 0, 0}; // TAS=0
        assertGood(h.run(a, 0, cdb(0x15, 0x10, 0, 0, 16, 0), ModePagesTest.select6(control)));
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x2A, 0x01);
        h.backend.closeGate();
        CompletableFuture<ScsiResult> theirs = h.submit(b, 0, read10(1, 1), null, 41);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.CLEAR_TASK_SET, LunCodec.encode(0), 0);
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertAbortedSilently(await(theirs));
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x2F, 0x00);
        b.close();
    }

    @Test
    void logicalUnitResetAbortsEverything() throws Exception {
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        h.backend.closeGate();
        CompletableFuture<ScsiResult> mine = h.submit(a, 0, read10(0, 1), null, 50);
        CompletableFuture<ScsiResult> theirs = h.submit(b, 0, write10(1, 1, 0),
                Unpooled.buffer(512).writeZero(512), 51);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.LOGICAL_UNIT_RESET, LunCodec.encode(0), 0);
        h.backend.openGate();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, await(tmf));
        assertAbortedSilently(await(mine));
        assertEquals(ScsiStatus.TASK_ABORTED, await(theirs).status());
        assertEquals(0, h.unit.outstandingTasks());
        SenseAssert.assertSense(h.run(b, 0, cdb(0x00)), 0x6, 0x29, 0x03);
        b.close();
    }

    @Test
    void closingTheNexusAbortsItsTasksAndRefusesNewOnes() throws Exception {
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 1);
        h.backend.closeGate();
        ByteBuf out = Unpooled.buffer(512).writeZero(512);
        CompletableFuture<ScsiResult> write = h.submit(b, 0, write10(0, 1, 0), out, 60);
        assertTrue(h.backend.awaitIoEntered());
        b.close();
        b.close(); // idempotent
        h.backend.openGate();
        assertAbortedSilently(await(write));
        assertEquals(0, out.refCnt());
        assertEquals(0, b.outstandingTasks());
        ByteBuf late = Unpooled.buffer(512).writeZero(512);
        assertAbortedSilently(await(h.submit(b, 0, write10(0, 1, 0), late, 61)));
        assertEquals(0, late.refCnt());
    }

    @Test
    void closingTheUnitWaitsForInFlightIoAndClosesTheBackend() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> read = h.submit(a, 0, read10(0, 1), null, 70);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(h.unit::close);
        assertFalse(h.backend.closed);
        h.backend.openGate();
        await(closing);
        assertTrue(h.backend.closed);
        assertEquals(512, dataIn(await(read)).length);
        SenseAssert.assertSense(h.run(a, 0, cdb(0x00)), 0x5, 0x25, 0x00);
    }
}
