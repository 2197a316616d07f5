package io.blockhouse.scsi.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blockhouse.scsi.ScsiStatus;
import org.junit.jupiter.api.Test;

class TaskSetBoundTest {

    @Test
    void admitsUpToCapacityThenRefuses() {
        TaskSetBound bound = new TaskSetBound(2);
        assertEquals(0, bound.enter(() -> true));
        assertEquals(0, bound.enter(() -> true));
        assertEquals(ScsiStatus.TASK_SET_FULL, bound.enter(() -> true));
        assertEquals(ScsiStatus.BUSY, bound.enter(() -> false));
        assertEquals(4, bound.size(), "refused tasks count until they are answered");
        assertEquals(1, bound.taskSetFullCount());
        assertEquals(1, bound.busyCount());
    }

    @Test
    void leavingMakesRoomAgain() {
        TaskSetBound bound = new TaskSetBound(1);
        assertEquals(0, bound.enter(() -> true));
        assertEquals(ScsiStatus.TASK_SET_FULL, bound.enter(() -> true));
        bound.leave();
        bound.leave();
        assertEquals(0, bound.size());
        assertEquals(0, bound.enter(() -> true));
    }

    @Test
    void theNexusQuestionIsAskedOnlyWhenFull() {
        TaskSetBound bound = new TaskSetBound(1);
        assertEquals(0, bound.enter(() -> {
            throw new AssertionError("asked although the set had room");
        }));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TaskSetBound(0));
    }
}
