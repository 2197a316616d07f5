package io.blockhouse.scsi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Task attribute rules of one task set (SAM-5 8.6 with the control page's QUEUE ALGORITHM MODIFIER 1: SIMPLE tasks
 * may run in any order among themselves).
 *
 * <ul>
 *   <li>HEAD OF QUEUE starts at once.</li>
 *   <li>ORDERED starts only when every older task has ended, and no younger task (other than HEAD OF QUEUE) starts
 *       before it has ended.</li>
 *   <li>SIMPLE (and UNTAGGED, and ACA, which can never apply since there is no ACA) starts at once unless an
 *       ORDERED task is running or waiting ahead of it.</li>
 * </ul>
 *
 * Waiting tasks stay in arrival order. Starts released by an ending task are returned to the caller to run outside
 * the lock.
 */
final class TaskOrdering {
    private record Waiting(Task task, Runnable start) {
    }

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final Set<Task> admitted = new HashSet<>();
    private int orderedRunning;

    private static boolean ordered(Task t) {
        return t.command.attribute() == TaskAttribute.ORDERED;
    }

    /** True when {@code task} may start now; otherwise {@code start} is kept and returned later by an end. */
    synchronized boolean admit(Task task, Runnable start) {
        if (task.command.attribute() == TaskAttribute.HEAD_OF_QUEUE) {
            admitted.add(task);
            return true;
        }
        boolean mustWait = !waiting.isEmpty() || orderedRunning > 0 || (ordered(task) && !admitted.isEmpty());
        if (mustWait) {
            waiting.addLast(new Waiting(task, start));
            return false;
        }
        admit(task);
        return true;
    }

    private void admit(Task task) {
        admitted.add(task);
        if (ordered(task)) {
            orderedRunning++;
        }
    }

    /**
     * {@code task} ended (completed, or aborted while admitted or while waiting). Returns the starts of tasks that
     * may run now.
     */
    synchronized List<Runnable> ended(Task task) {
        if (admitted.remove(task)) {
            if (ordered(task)) {
                orderedRunning--;
            }
        } else {
            waiting.removeIf(w -> w.task == task);
        }
        List<Runnable> ready = new ArrayList<>();
        while (!waiting.isEmpty() && orderedRunning == 0) {
            Waiting head = waiting.peekFirst();
            if (ordered(head.task) && !admitted.isEmpty()) {
                break;
            }
            waiting.pollFirst();
            admit(head.task);
            ready.add(head.start);
        }
        return ready;
    }
}
