package io.blockhouse.iscsi.pdu;

/**
 * Something the framing stage found wrong with a PDU whose header is still trustworthy. The PDU is delivered with an
 * empty data segment so the connection handler can answer with a Reject and apply the task-level recovery rule.
 */
public enum PduDefect {
    /** Nothing wrong. */
    NONE,
    /** The data digest did not match: the payload was discarded (RFC 7143 section 7.8). */
    DATA_DIGEST_ERROR,
    /** DataSegmentLength exceeded what we declared we can receive: the payload was skipped unread. */
    OVERSIZED_SEGMENT,
    /** A header field is inconsistent (for example a malformed AHS): the payload was discarded. */
    MALFORMED
}
