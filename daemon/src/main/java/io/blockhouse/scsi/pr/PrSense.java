package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseKey;

/** Sense conditions of persistent reservations (SPC-4 annex D). */
public final class PrSense {
    /** 2A/03, to registrants whose registration a CLEAR removed. */
    public static final Sense RESERVATIONS_PREEMPTED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x03);
    /** 2A/04, when a registrants-only or all-registrants reservation ends (RELEASE, holder unregistered, PREEMPT). */
    public static final Sense RESERVATIONS_RELEASED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x04);
    /** 2A/05, to I_T nexuses whose registration a PREEMPT (AND ABORT) removed. */
    public static final Sense REGISTRATIONS_PREEMPTED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x05);
    /** 26/04, RELEASE by the holder naming another type or scope. */
    public static final Sense INVALID_RELEASE = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x26, 0x04);
    /** 55/04, the state could not be made persistent (APTPL store failed). */
    public static final Sense INSUFFICIENT_REGISTRATION_RESOURCES = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x55, 0x04);

    private PrSense() {
    }
}
