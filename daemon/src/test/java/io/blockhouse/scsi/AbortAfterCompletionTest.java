package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.read10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.exec.LunCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task that has completed but whose callback is still running (the transport queues its response from there) when
 * task management arrives: the function's future must complete only after that callback, or the transport sends the
 * Task Management Response before the task's own response (found by the soak test: a SCSI Response arriving after
 * ABORT TASK SET had answered FUNCTION COMPLETE).
 */
class AbortAfterCompletionTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
    private final CountDownLatch inCallback = new CountDownLatch(1);
    private final CountDownLatch leaveCallback = new CountDownLatch(1);
    private final CompletableFuture<ScsiResult> result = new CompletableFuture<>();

    @AfterEach
    void close() {
        leaveCallback.countDown();
        a.close();
        h.close();
    }

    /** Submits a READ whose callback blocks (on the I/O thread) until {@link #leaveCallback} opens. */
    private void readWithSlowCallback(long tag) throws InterruptedException {
        a.submit(new ScsiCommand(LunCodec.encode(0), read10(0, 1), 512, true, false, TaskAttribute.SIMPLE, tag, null),
                r -> {
                    inCallback.countDown();
                    try {
                        leaveCallback.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    result.complete(r);
                });
        assertTrue(inCallback.await(10, TimeUnit.SECONDS), "the read did not complete");
    }

    @ParameterizedTest
    @EnumSource(value = TmfFunction.class, names = {"ABORT_TASK_SET", "CLEAR_TASK_SET", "LOGICAL_UNIT_RESET"})
    void taskSetFunctionsAnswerAfterTheCallbackOfACompletedTask(TmfFunction function) throws Exception {
        readWithSlowCallback(7);
        CompletableFuture<TmfResponse> tmf = a.taskManagement(function, LunCodec.encode(0), 0);
        assertFalse(tmf.isDone(), "answered while the completed task's callback was still queuing its response");
        leaveCallback.countDown();
        assertEquals(TmfResponse.FUNCTION_COMPLETE, tmf.get(10, TimeUnit.SECONDS));
        ScsiResult r = result.get(10, TimeUnit.SECONDS);
        assertEquals(ScsiStatus.GOOD, r.status(), "the task completed before the abort: its result stands");
        ReferenceCountUtil.release(r.dataIn());
    }

    @Test
    void abortTaskAnswersTaskDoesNotExistAfterTheCallback() throws Exception {
        readWithSlowCallback(8);
        CompletableFuture<TmfResponse> tmf = a.taskManagement(TmfFunction.ABORT_TASK, LunCodec.encode(0), 8);
        assertFalse(tmf.isDone());
        leaveCallback.countDown();
        assertEquals(TmfResponse.TASK_DOES_NOT_EXIST, tmf.get(10, TimeUnit.SECONDS));
        ReferenceCountUtil.release(result.get(10, TimeUnit.SECONDS).dataIn());
    }
}
