package io.blockhouse.it.initiator;

/** The target answered a PDU with a Reject PDU. */
public final class TargetRejectedException extends IscsiProtocolException {

    private static final long serialVersionUID = 1L;

    private final int reason;

    public TargetRejectedException(int reason, Pdu reject) {
        super(String.format("target rejected a PDU, reason 0x%02x: %s", reason, reject));
        this.reason = reason;
    }

    public int reason() {
        return reason;
    }
}
