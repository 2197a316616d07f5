package io.blockhouse.iscsi.pdu;

/** A PDU whose header fields contradict each other (for example an AHS whose length runs past TotalAHSLength). */
public final class MalformedPduException extends Exception {
    public MalformedPduException(String message) {
        super(message);
    }
}
