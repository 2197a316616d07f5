package io.blockhouse.scsi.alua;

import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseKey;

/** Sense conditions of asymmetric logical unit access (SPC-4 5.16.2). */
public final class AluaSense {
    /** NOT READY, LOGICAL UNIT NOT ACCESSIBLE, ASYMMETRIC ACCESS STATE TRANSITION. */
    public static final Sense STATE_TRANSITION = Sense.of(SenseKey.NOT_READY, 0x04, 0x0A);
    /** NOT READY, LOGICAL UNIT NOT ACCESSIBLE, TARGET PORT IN STANDBY STATE. */
    public static final Sense TARGET_PORT_IN_STANDBY_STATE = Sense.of(SenseKey.NOT_READY, 0x04, 0x0B);
    /** NOT READY, LOGICAL UNIT NOT ACCESSIBLE, TARGET PORT IN UNAVAILABLE STATE. */
    public static final Sense TARGET_PORT_IN_UNAVAILABLE_STATE = Sense.of(SenseKey.NOT_READY, 0x04, 0x0C);
    /** UNIT ATTENTION, ASYMMETRIC ACCESS STATE CHANGED. */
    public static final Sense ASYMMETRIC_ACCESS_STATE_CHANGED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x06);

    private AluaSense() {
    }
}
