package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.Sense;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** What persistent reservations need from their logical unit: unit attentions and task abort (PREEMPT AND ABORT). */
public interface ReservationHooks {

    /** Establishes {@code sense} as a unit attention for every initiator port name {@code ports} accepts. */
    void unitAttention(Predicate<String> ports, Sense sense);

    /**
     * Aborts the tasks in the unit's task set whose I_T nexus {@code victims} accepts, except those of
     * {@code requester}; the future completes when all of them have ended.
     */
    CompletableFuture<Void> abortTasks(Predicate<ItNexus> victims, NexusView requester);

    /** No unit attentions, nothing to abort (tests of the state alone). */
    ReservationHooks NONE = new ReservationHooks() {
        @Override
        public void unitAttention(Predicate<String> ports, Sense sense) {
        }

        @Override
        public CompletableFuture<Void> abortTasks(Predicate<ItNexus> victims, NexusView requester) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
