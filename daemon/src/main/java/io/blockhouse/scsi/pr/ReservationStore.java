package io.blockhouse.scsi.pr;

import java.io.IOException;
import java.util.Optional;

/**
 * Where persistent reservation state survives a power loss (APTPL). One record per logical unit, by unit name.
 * Implementations make {@link #save} atomic: after a crash either the old or the new state is there, never a mix.
 */
public interface ReservationStore {

    /** Keeps nothing: APTPL is accepted but the state ends with the process (unit tests, and nothing configured). */
    ReservationStore NONE = new ReservationStore() {
        @Override
        public Optional<ReservationSnapshot> load(String unitName) {
            return Optional.empty();
        }

        @Override
        public void save(String unitName, ReservationSnapshot snapshot) {
        }

        @Override
        public void delete(String unitName) {
        }

        @Override
        public boolean persistent() {
            return false;
        }
    };

    /**
     * The saved state of {@code unitName}, or empty when there is none. A record that cannot be read as a
     * snapshot is an {@link IOException} (the caller decides what a corrupt record means).
     */
    Optional<ReservationSnapshot> load(String unitName) throws IOException;

    /** Replaces the saved state of {@code unitName} atomically and durably. */
    void save(String unitName, ReservationSnapshot snapshot) throws IOException;

    /** Removes the saved state (APTPL set to zero); durable when it returns. */
    void delete(String unitName) throws IOException;

    /** True when saved state survives a restart (PTPL_A may be reported). */
    boolean persistent();

    /**
     * Sets aside a saved state that was read but makes no sense (a holder that is not registered...), keeping it
     * for inspection so that the next save does not destroy the evidence. Returns where it went, or null.
     */
    default String quarantine(String unitName) throws IOException {
        return null;
    }
}
