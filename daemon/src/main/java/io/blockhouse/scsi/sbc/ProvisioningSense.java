package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseKey;

/** Sense conditions of logical block provisioning and the offload commands (SBC-3 4.7, 5.x). */
final class ProvisioningSense {
    /**
     * SBC-3 4.7.3.6: a write that cannot get physical space on a thin device ends with DATA PROTECT / SPACE
     * ALLOCATION FAILED WRITE PROTECT.
     */
    static final Sense SPACE_ALLOCATION_FAILED = Sense.of(SenseKey.DATA_PROTECT, 0x27, 0x07);

    /** SANITIZE running: NOT READY / LOGICAL UNIT NOT READY, SANITIZE IN PROGRESS (04/1B). */
    static final Sense SANITIZE_IN_PROGRESS = Sense.of(SenseKey.NOT_READY, 0x04, 0x1B);

    /** INVALID FIELD IN CDB without a field pointer, for fields whose position depends on the variant. */
    static final Sense INVALID_FIELD_IN_CDB = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x24, 0x00);

    private ProvisioningSense() {
    }
}
