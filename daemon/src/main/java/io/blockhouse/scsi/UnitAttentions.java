package io.blockhouse.scsi;

import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Pending unit attention conditions of one logical unit, per initiator port name (so they survive a re-login with
 * the same ISID). An initiator port seen for the first time starts with POWER ON, RESET, OR BUS DEVICE RESET
 * OCCURRED, which also stands for any reset that happened before it first came. Conditions are reported oldest
 * first, one per command; duplicates are not queued.
 */
final class UnitAttentions {
    private static final int MAX_PENDING = 8;

    private final Map<String, ArrayDeque<Sense>> byPort = new HashMap<>();

    synchronized Sense take(String port) {
        return queue(port).pollFirst();
    }

    synchronized boolean hasPending(String port) {
        return !queue(port).isEmpty();
    }

    synchronized void establish(String port, Sense sense) {
        add(queue(port), sense);
    }

    /** For every initiator port that already accessed the logical unit (later ones get POWER ON anyway). */
    synchronized void establishForAll(Sense sense) {
        byPort.values().forEach(q -> add(q, sense));
    }

    synchronized void establishForOthers(String except, Sense sense) {
        byPort.forEach((port, q) -> {
            if (!port.equals(except)) {
                add(q, sense);
            }
        });
    }

    /** For every initiator port that already accessed the unit and that {@code ports} accepts. */
    synchronized void establishWhere(java.util.function.Predicate<String> ports, Sense sense) {
        byPort.forEach((port, q) -> {
            if (ports.test(port)) {
                add(q, sense);
            }
        });
    }

    private ArrayDeque<Sense> queue(String port) {
        return byPort.computeIfAbsent(port, p -> {
            ArrayDeque<Sense> q = new ArrayDeque<>();
            q.add(SenseCodes.POWER_ON_RESET);
            return q;
        });
    }

    private static void add(ArrayDeque<Sense> q, Sense sense) {
        if (!q.contains(sense) && q.size() < MAX_PENDING) {
            q.addLast(sense);
        }
    }

    /** The pending conditions of every known port, copied (for a unit that replaces another one). */
    synchronized Map<String, ArrayDeque<Sense>> snapshot() {
        Map<String, ArrayDeque<Sense>> copy = new HashMap<>();
        byPort.forEach((port, q) -> copy.put(port, new ArrayDeque<>(q)));
        return copy;
    }

    /** Adopts {@code pending} (from {@link #snapshot()} of the unit this one replaces) for ports not seen yet. */
    synchronized void adopt(Map<String, ArrayDeque<Sense>> pending) {
        pending.forEach(byPort::putIfAbsent);
    }
}
