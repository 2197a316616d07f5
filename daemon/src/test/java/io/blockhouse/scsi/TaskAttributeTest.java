package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.read10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.exec.LunCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskAttributeTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.openReady();
    private final List<String> completions = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        h.backend.openGate();
        nexus.close();
        h.close();
    }

    private CompletableFuture<ScsiResult> submit(String name, byte[] cdb, TaskAttribute attribute, long tag) {
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        nexus.submit(new ScsiCommand(LunCodec.encode(0), cdb, 512, true, false, attribute, tag, null), r -> {
            completions.add(name);
            if (r.dataIn() != null) {
                r.dataIn().release();
            }
            f.complete(r);
        });
        return f;
    }

    private static ScsiResult await(CompletableFuture<ScsiResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void orderedWaitsForOlderTasksAndHoldsYoungerOnes() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> older = submit("older", read10(0, 1), TaskAttribute.SIMPLE, 1);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<ScsiResult> ordered = submit("ordered", cdb(0x00), TaskAttribute.ORDERED, 2);
        CompletableFuture<ScsiResult> younger = submit("younger", cdb(0x00), TaskAttribute.SIMPLE, 3);
        assertFalse(ordered.isDone());
        assertFalse(younger.isDone());
        assertEquals(3, nexus.outstandingTasks());
        h.backend.openGate();
        assertEquals(ScsiStatus.GOOD, await(younger).status());
        assertEquals(List.of("older", "ordered", "younger"), completions);
        assertEquals(ScsiStatus.GOOD, await(ordered).status());
    }

    @Test
    void headOfQueueOvertakesWaitingTasks() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> older = submit("older", read10(0, 1), TaskAttribute.SIMPLE, 1);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<ScsiResult> ordered = submit("ordered", cdb(0x00), TaskAttribute.ORDERED, 2);
        CompletableFuture<ScsiResult> head = submit("head", cdb(0x00), TaskAttribute.HEAD_OF_QUEUE, 3);
        assertEquals(ScsiStatus.GOOD, await(head).status());
        assertFalse(ordered.isDone());
        h.backend.openGate();
        await(ordered);
        assertEquals(List.of("head", "older", "ordered"), completions);
        await(older);
    }

    @Test
    void simpleTasksRunSideBySide() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> blocked = submit("blocked", read10(0, 1), TaskAttribute.SIMPLE, 1);
        assertTrue(h.backend.awaitIoEntered());
        assertEquals(ScsiStatus.GOOD, await(submit("tur", cdb(0x00), TaskAttribute.SIMPLE, 2)).status());
        h.backend.openGate();
        await(blocked);
        assertEquals(List.of("tur", "blocked"), completions);
    }

    @Test
    void abortingAWaitingOrderedTaskReleasesTheOnesBehindIt() throws Exception {
        h.backend.closeGate();
        CompletableFuture<ScsiResult> older = submit("older", read10(0, 1), TaskAttribute.SIMPLE, 1);
        assertTrue(h.backend.awaitIoEntered());
        CompletableFuture<ScsiResult> ordered = submit("ordered", cdb(0x00), TaskAttribute.ORDERED, 2);
        CompletableFuture<ScsiResult> younger = submit("younger", cdb(0x00), TaskAttribute.SIMPLE, 3);
        assertEquals(TmfResponse.FUNCTION_COMPLETE,
                nexus.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 2).get(10, TimeUnit.SECONDS));
        assertTrue(await(ordered).aborted());
        assertEquals(ScsiStatus.GOOD, await(younger).status()); // no longer behind an ORDERED task
        assertFalse(older.isDone());
        h.backend.openGate();
        await(older);
    }
}
