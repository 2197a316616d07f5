package io.blockhouse.iscsi.session;

/**
 * A Data-Out PDU that breaks the transfer rules (offset, DataSN, TTT, F bit, length): answered with a Reject, and its
 * task ended with CHECK CONDITION and {@link #sense()} (SAM-5 ABORTED COMMAND with an SPC-4 data phase ASC).
 */
final class DataOutException extends Exception {
    /** ABORTED COMMAND, DATA PHASE ERROR (4Bh/00h): DataSN or F bit out of sequence. */
    static final int[] DATA_PHASE_ERROR = {0x4b, 0x00};
    /** ABORTED COMMAND, INVALID TARGET PORT TRANSFER TAG RECEIVED (4Bh/01h). */
    static final int[] INVALID_TTT = {0x4b, 0x01};
    /** ABORTED COMMAND, TOO MUCH WRITE DATA (4Bh/02h). */
    static final int[] TOO_MUCH_WRITE_DATA = {0x4b, 0x02};
    /** ABORTED COMMAND, DATA OFFSET ERROR (4Bh/05h). */
    static final int[] DATA_OFFSET_ERROR = {0x4b, 0x05};

    private final int[] ascAscq;

    DataOutException(String message, int[] ascAscq) {
        super(message);
        this.ascAscq = ascAscq;
    }

    /** Fixed-format sense data for the SCSI Response that ends the task. */
    byte[] sense() {
        return SenseData.fixed(SenseData.ABORTED_COMMAND, ascAscq[0], ascAscq[1]);
    }
}
