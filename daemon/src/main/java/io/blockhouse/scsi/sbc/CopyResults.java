package io.blockhouse.scsi.sbc;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of the EXTENDED COPY commands a logical unit ran as copy manager, kept per initiator port and LIST
 * IDENTIFIER until RECEIVE COPY RESULTS (COPY STATUS) asks for them. Bounded: the oldest are forgotten first when an
 * initiator never asks.
 */
public final class CopyResults {
    /** Most outcomes kept per unit. */
    static final int CAPACITY = 256;

    /**
     * @param status            COPY MANAGER STATUS: 01h completed without errors, 02h completed with errors
     * @param segmentsProcessed segment descriptors fully processed
     * @param bytesTransferred  bytes written to copy destinations
     */
    record Outcome(int status, int segmentsProcessed, long bytesTransferred) {
        static final int COMPLETED = 0x01;
        static final int FAILED = 0x02;
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> order =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static String key(String initiatorPort, int listId) {
        return initiatorPort + '#' + listId;
    }

    void record(String initiatorPort, int listId, Outcome outcome) {
        String key = key(initiatorPort, listId);
        if (outcomes.put(key, outcome) == null) {
            order.add(key);
        }
        while (outcomes.size() > CAPACITY) {
            Iterator<String> oldest = order.iterator();
            if (!oldest.hasNext()) {
                break;
            }
            outcomes.remove(oldest.next());
            oldest.remove();
        }
    }

    /** The outcome for this initiator port and list, or null when there is none. */
    Outcome find(String initiatorPort, int listId) {
        return outcomes.get(key(initiatorPort, listId));
    }
}
