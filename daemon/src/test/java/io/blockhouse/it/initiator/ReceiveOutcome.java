package io.blockhouse.it.initiator;

/** What a bounded wait for the next PDU produced (raw mode): a PDU, silence, or a closed connection. */
public sealed interface ReceiveOutcome {

    /** A complete, digest-checked PDU. */
    record Received(Pdu pdu) implements ReceiveOutcome {
    }

    /** Nothing (complete) arrived before the timeout. */
    record TimedOut() implements ReceiveOutcome {
    }

    /** The target closed or reset the connection; {@code detail} says how. */
    record Closed(String detail) implements ReceiveOutcome {
    }

    /** Bytes arrived that do not form a valid PDU (e.g. a digest mismatch); the stream is no longer usable. */
    record Garbled(IscsiProtocolException error) implements ReceiveOutcome {
    }

    /** True when this is a PDU with the given opcode. */
    default boolean isPdu(int opcode) {
        return this instanceof Received r && r.pdu().opcode() == opcode;
    }
}
