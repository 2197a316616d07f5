/**
 * Reservations of a logical unit: SPC-4 persistent reservations (PERSISTENT RESERVE IN / OUT with every service
 * action and all six types, SPEC_I_PT, ALL_TG_PT, APTPL through a {@link io.blockhouse.scsi.pr.ReservationStore})
 * and SPC-2 RESERVE / RELEASE. {@link io.blockhouse.scsi.pr.PersistentReservations} is the state, one per logical
 * unit; the logical unit asks it before every command whether the command conflicts, and the processors here
 * change it. Registrations are keyed by I_T nexus (initiator port name with ISID, and relative target port id).
 */
package io.blockhouse.scsi.pr;
