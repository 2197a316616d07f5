package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.sense.SenseException;

/** RDPROTECT / WRPROTECT / VRPROTECT (CDB byte 1 bits 7-5): we have no protection information, so only 000b. */
final class ProtectionField {
    private ProtectionField() {
    }

    static void requireNone(byte[] cdb) throws SenseException {
        if ((cdb[1] & 0xE0) != 0) {
            throw SenseException.invalidFieldInCdb(1, 7);
        }
    }
}
