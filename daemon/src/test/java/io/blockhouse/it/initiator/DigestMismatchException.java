package io.blockhouse.it.initiator;

/** A PDU received from the target carried a wrong header or data digest. */
public final class DigestMismatchException extends IscsiProtocolException {

    private static final long serialVersionUID = 1L;

    public DigestMismatchException(String message) {
        super(message);
    }
}
