package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.ScsiResponsePdu;

/**
 * Residual overflow/underflow of one command (RFC 7143 section 11.4.5): the transport's EDTL compared with what the
 * command actually moved. For reads that is the Data-In the SCSI layer produced; for everything else the SCSI
 * layer's transferLength (the bytes its CDB asked to move). Kept in one place so the SCSI layer's rule stays aligned.
 *
 * @param flags {@link ScsiResponsePdu#FLAG_OVERFLOW}, {@link ScsiResponsePdu#FLAG_UNDERFLOW} or 0 (same bit positions
 *              in Data-In)
 * @param count the residual count
 */
record Residual(int flags, int count) {
    static final Residual NONE = new Residual(0, 0);

    static Residual of(int expectedLength, int actualLength) {
        if (actualLength > expectedLength) {
            return new Residual(ScsiResponsePdu.FLAG_OVERFLOW, actualLength - expectedLength);
        }
        if (actualLength < expectedLength) {
            return new Residual(ScsiResponsePdu.FLAG_UNDERFLOW, expectedLength - actualLength);
        }
        return NONE;
    }

    /** The length the command moved, by the rule above. */
    static int actualLength(boolean read, int dataInLength, int transferLength) {
        return read ? dataInLength : transferLength;
    }
}
