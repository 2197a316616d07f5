package io.blockhouse.iscsi.session;

import java.util.HashMap;
import java.util.Map;

/**
 * The session's command window (RFC 7143 section 4.2.2.1): ExpCmdSN, MaxCmdSN and a reorder buffer so non-immediate
 * commands reach the SCSI layer in CmdSN order even when they arrive out of order within the window.
 *
 * <p>MaxCmdSN = ExpCmdSN + (queueDepth - commands in flight) - 1, never lowered below a value already advertised
 * (initiators ignore a decrease). A full queue therefore closes the window (MaxCmdSN = ExpCmdSN - 1) and is the
 * transport's backpressure. Confined to the connection's event loop.
 */
public final class CommandWindow {
    private final int queueDepth;
    private int expCmdSN;
    private int maxCmdSN;
    private final Map<Integer, OrderedCommand> waiting = new HashMap<>();

    public CommandWindow(int initialCmdSN, int queueDepth) {
        this.queueDepth = Math.max(1, queueDepth);
        this.expCmdSN = initialCmdSN;
        this.maxCmdSN = initialCmdSN + this.queueDepth - 1;
    }

    public int expCmdSN() {
        return expCmdSN;
    }

    public int maxCmdSN() {
        return maxCmdSN;
    }

    /** Whether cmdSN lies in [ExpCmdSN, MaxCmdSN]. */
    public boolean inWindow(int cmdSN) {
        return SerialNumbers.atMost(expCmdSN, cmdSN) && SerialNumbers.atMost(cmdSN, maxCmdSN);
    }

    /**
     * Accepts a non-immediate command. Delivers it (and any buffered successors) when it is the next expected,
     * buffers it when it is ahead within the window.
     *
     * @return false when the command is outside the window or a duplicate: the caller drops it silently (RFC 7143
     *         section 4.2.2.1) and keeps ownership of its resources
     */
    public boolean arrive(int cmdSN, OrderedCommand command) {
        // Commands arrive in order almost always: the reorder map is only touched (and the CmdSN boxed) when it
        // holds something.
        if (!inWindow(cmdSN) || (!waiting.isEmpty() && waiting.containsKey(cmdSN))) {
            return false;
        }
        if (cmdSN != expCmdSN) {
            waiting.put(cmdSN, command);
            return true;
        }
        expCmdSN++;
        command.deliver();
        drain();
        return true;
    }

    /**
     * Treats a CmdSN as received without a command (RFC 7143 section 11.5.1: a task management request naming a
     * task that never arrived). Returns false if it is outside the window.
     */
    public boolean markReceived(int cmdSN) {
        return arrive(cmdSN, new OrderedCommand() {
            @Override
            public void deliver() {
            }

            @Override
            public void discard() {
            }
        });
    }

    private void drain() {
        OrderedCommand next;
        while (!waiting.isEmpty() && (next = waiting.remove(expCmdSN)) != null) {
            expCmdSN++;
            next.deliver();
        }
    }

    /** Recomputes MaxCmdSN after commands started or finished; never lowers it. */
    public void update(int commandsInFlight) {
        int candidate = expCmdSN + Math.max(queueDepth - commandsInFlight, 0) - 1;
        if (SerialNumbers.lessThan(maxCmdSN, candidate)) {
            maxCmdSN = candidate;
        }
    }

    /** Number of commands waiting for a CmdSN gap to fill. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Discards every buffered command (connection closing). */
    public void discardAll() {
        for (OrderedCommand c : waiting.values()) {
            c.discard();
        }
        waiting.clear();
    }
}
