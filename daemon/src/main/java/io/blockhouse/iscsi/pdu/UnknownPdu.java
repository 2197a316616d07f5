package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** A PDU whose opcode we do not implement (or that no initiator may send); answered with a Reject. */
public final class UnknownPdu extends IscsiPdu {
    public UnknownPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }
}
