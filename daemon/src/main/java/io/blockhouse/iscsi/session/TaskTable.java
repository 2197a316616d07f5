package io.blockhouse.iscsi.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one connection by Initiator Task Tag: an open-addressing table with int keys, so looking a task up
 * per PDU neither boxes the tag nor depends on how the initiator numbers its tags (a {@code HashMap<Integer, ...>}
 * turned some bins into trees under QEMU's tags). Linear probing, deletion by backward shift (no tombstones), grown
 * at half full. Confined to the connection's event loop, like the rest of {@link Connection}.
 */
final class TaskTable {
    private int[] keys = new int[64];
    private ScsiTask[] values = new ScsiTask[64];
    private int size;

    private int slot(int itt) {
        return (itt * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(keys.length)) & (keys.length - 1);
    }

    ScsiTask get(int itt) {
        int mask = keys.length - 1;
        for (int i = slot(itt); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == itt) {
                return values[i];
            }
        }
        return null;
    }

    boolean containsKey(int itt) {
        return get(itt) != null;
    }

    /** Adds or replaces the task of {@code itt}. */
    void put(int itt, ScsiTask task) {
        if (task == null) {
            throw new IllegalArgumentException("null task");
        }
        int mask = keys.length - 1;
        int i = slot(itt);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == itt) {
                values[i] = task;
                return;
            }
        }
        keys[i] = itt;
        values[i] = task;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes the task of {@code itt}, if any. */
    void remove(int itt) {
        int mask = keys.length - 1;
        int i = slot(itt);
        while (values[i] != null && keys[i] != itt) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        size--;
        // Backward shift: move later members of the probe run into the hole unless they already sit at or after
        // their home slot relative to it, so every remaining key stays reachable from its home slot.
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** A snapshot of the tasks (callers drop tasks while they walk it). */
    List<ScsiTask> values() {
        List<ScsiTask> out = new ArrayList<>(size);
        for (ScsiTask t : values) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    void clear() {
        keys = new int[64];
        values = new ScsiTask[64];
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        ScsiTask[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new ScsiTask[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
