package io.blockhouse.iscsi.session;

/** A Data-Out PDU that breaks the transfer rules (offset, DataSN, TTT, F bit, length): answered with a Reject. */
final class DataOutException extends Exception {
    DataOutException(String message) {
        super(message);
    }
}
