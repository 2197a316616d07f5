package io.blockhouse.scsi.pr;

import java.util.List;

/**
 * The persistent reservation state of one logical unit as the APTPL store keeps it: registrations, the reservation
 * and PRgeneration. Legacy RESERVE/RELEASE reservations are never part of it (SPC-2: they end with the I_T nexus).
 *
 * @param version       format version, {@link #VERSION}
 * @param generation    PRgeneration (unsigned 32 bits)
 * @param aptpl         activate persist through power loss, as the last REGISTER set it
 * @param registrations registrations in registration order
 * @param reservation   the persistent reservation, or null
 */
public record ReservationSnapshot(int version, long generation, boolean aptpl, List<Entry> registrations,
                                  Held reservation) {
    public static final int VERSION = 1;

    public ReservationSnapshot {
        registrations = List.copyOf(registrations);
    }

    /**
     * One registration.
     *
     * @param initiator    initiator port name, or a bare iSCSI name for a whole initiator device
     * @param targetPortId relative target port identifier, 0 for all target ports (ALL_TG_PT)
     * @param key          reservation key as 16 hex digits (unsigned, so no sign trouble in JSON)
     */
    public record Entry(String initiator, int targetPortId, String key) {
    }

    /**
     * The reservation.
     *
     * @param type               TYPE code
     * @param holderInitiator    the holder's registration (initiator), null for all-registrants types
     * @param holderTargetPortId the holder's registration (target port id); ignored when there is no single holder
     */
    public record Held(int type, String holderInitiator, int holderTargetPortId) {
    }
}
