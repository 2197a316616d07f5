package io.blockhouse.scsi.pr;

/**
 * RESERVE (6) 16h and RESERVE (10) 56h (SPC-2 7.21, 7.22): reserves the whole logical unit for the I_T nexus.
 * Third-party reservations (3RDPTY, LONGID of the 10-byte form) and extents are not supported.
 */
public final class LegacyReserve extends LegacyReservationCommand {
    public LegacyReserve() {
        super(CommandAccess.RESERVE_6, CommandAccess.RESERVE_10);
    }

    @Override
    void apply(PersistentReservations reservations, ItNexus nexus) {
        reservations.legacyReserve(nexus);
    }
}
