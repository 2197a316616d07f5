package io.blockhouse.it.initiator;

/** Deliberate damage applied while encoding a PDU, to test how a target handles transmission errors. */
public enum Corruption {
    /** A correct PDU. */
    NONE,
    /** The header digest has one bit flipped (header digests must be negotiated). */
    HEADER_DIGEST,
    /** The data digest has one bit flipped (data digests must be negotiated, data non-empty). */
    DATA_DIGEST,
    /**
     * The digest is computed over the intended data, then one data byte is flipped on the wire: what a corrupted
     * link would produce. The target must not store the flipped byte.
     */
    DATA_PAYLOAD
}
