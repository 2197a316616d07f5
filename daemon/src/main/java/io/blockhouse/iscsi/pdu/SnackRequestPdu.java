package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** SNACK Request (0x10, RFC 7143 section 11.16). Only meaningful at ErrorRecoveryLevel above 0. */
public final class SnackRequestPdu extends IscsiPdu {
    public SnackRequestPdu(byte[] header, ByteBuf data) {
        super(header, data);
    }

    public int type() {
        return header[1] & 0x0f;
    }
}
