package io.blockhouse.scsi.pr;

/**
 * RELEASE (6) 17h and RELEASE (10) 57h (SPC-2 7.17, 7.18): ends the I_T nexus's RESERVE reservation; from an I_T
 * nexus that does not hold it, it completes GOOD and changes nothing.
 */
public final class LegacyRelease extends LegacyReservationCommand {
    public LegacyRelease() {
        super(CommandAccess.RELEASE_6, CommandAccess.RELEASE_10);
    }

    @Override
    void apply(PersistentReservations reservations, ItNexus nexus) {
        reservations.legacyRelease(nexus);
    }
}
