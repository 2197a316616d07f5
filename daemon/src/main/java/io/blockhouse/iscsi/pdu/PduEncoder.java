package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes a PDU as up to three buffers: BHS (+ header digest), the data segment itself (retained, never copied) and a
 * small tail with padding (+ data digest). The channel gathers them into one write.
 *
 * <p>Takes ownership of the PDU ({@link MessageToMessageEncoder} releases it after encoding; the data segment survives
 * through the retained reference handed to the channel).
 */
public final class PduEncoder extends MessageToMessageEncoder<IscsiPdu> {
    private volatile boolean headerDigest;
    private volatile boolean dataDigest;

    /** One encoder per connection: digest state is per connection. */
    public PduEncoder() {
        super(IscsiPdu.class);
    }

    /** Digests apply to PDUs encoded after this call (the final Login Response is encoded before it). */
    public void enableDigests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IscsiPdu pdu, List<Object> out) {
        byte[] bhs = pdu.wireHeader();
        ByteBuf head = ctx.alloc().directBuffer(Bhs.LENGTH + (headerDigest ? 4 : 0));
        head.writeBytes(bhs);
        if (headerDigest) {
            head.writeIntLE(Crc32c.of(bhs, null));
        }
        out.add(head);
        ByteBuf data = pdu.data();
        int length = data.readableBytes();
        if (length == 0) {
            return;
        }
        int pad = Crc32c.padding(length);
        int digest = dataDigest ? Crc32c.of(data, data.readerIndex(), length, pad) : 0;
        out.add(data.retainedSlice());
        if (pad > 0 || dataDigest) {
            ByteBuf tail = ctx.alloc().directBuffer(pad + 4);
            tail.writeZero(pad);
            if (dataDigest) {
                tail.writeIntLE(digest);
            }
            out.add(tail);
        }
    }
}
