package io.blockhouse.iscsi.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskTableTest {

    private static ScsiTask task(int itt) {
        return new ScsiTask(itt, 0, new byte[16], 0, true, false, io.blockhouse.scsi.TaskAttribute.SIMPLE, null);
    }

    @Test
    void behavesLikeAMapUnderRandomPutsAndRemovesWithCollidingTags() {
        TaskTable table = new TaskTable();
        Map<Integer, ScsiTask> model = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            // Tags from a small range, some multiples of large powers of two: collisions and wrap-around probing.
            int itt = random.nextBoolean() ? random.nextInt(300) : random.nextInt(16) << 24 | random.nextInt(4);
            if (random.nextInt(3) == 0) {
                table.remove(itt);
                model.remove(itt);
            } else {
                ScsiTask t = task(itt);
                table.put(itt, t);
                model.put(itt, t);
            }
            if (step % 1000 == 0) {
                for (int k = 0; k < 300; k++) {
                    assertSame(model.get(k), table.get(k));
                }
            }
            assertEquals(model.size(), table.size());
        }
        for (Map.Entry<Integer, ScsiTask> e : model.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
        }
        assertEquals(new HashSet<>(model.values()), new HashSet<>(table.values()));
        model.keySet().forEach(table::remove);
        assertTrue(table.isEmpty());
        assertNull(table.get(7));
    }
}
