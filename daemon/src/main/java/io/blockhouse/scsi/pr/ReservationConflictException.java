package io.blockhouse.scsi.pr;

/**
 * The command ends with RESERVATION CONFLICT status (no sense data). Unchecked because command processors declare
 * only {@link io.blockhouse.scsi.sense.SenseException}; the logical unit catches it by type and answers status 18h.
 */
public final class ReservationConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReservationConflictException(String why) {
        super(why, null, false, false);
    }
}
