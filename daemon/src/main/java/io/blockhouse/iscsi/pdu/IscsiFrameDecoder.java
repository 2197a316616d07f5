package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames the byte stream into PDUs (RFC 7143 section 11.2): BHS, AHS, optional header digest, data segment padded to
 * four bytes, optional data digest. It only frames and checks digests and lengths; the typed PDU is built by
 * {@link PduFactory} and all protocol decisions are left to the connection handler.
 *
 * <ul>
 *   <li>Header digest mismatch: nothing in the header can be trusted, so the connection is closed (ERL 0).</li>
 *   <li>Data digest mismatch: the PDU is passed on with an empty data segment and
 *       {@link PduDefect#DATA_DIGEST_ERROR}.</li>
 *   <li>DataSegmentLength above the limit: the segment is skipped as it arrives (never buffered) and the PDU is passed
 *       on with {@link PduDefect#OVERSIZED_SEGMENT}.</li>
 * </ul>
 *
 * <p>Digests and the segment limit change after login; the connection handler calls the setters from the event loop
 * while handling the final Login Request, so they apply from the next PDU on.
 */
public final class IscsiFrameDecoder extends ByteToMessageDecoder {
    /** The limit in force during login (RFC 7143 section 13.12: the default 8192 applies until login completes). */
    public static final int LOGIN_MAX_DATA_SEGMENT = 8192;
    private static final Logger log = LoggerFactory.getLogger(IscsiFrameDecoder.class);

    private boolean headerDigest;
    private boolean dataDigest;
    private int maxDataSegmentLength = LOGIN_MAX_DATA_SEGMENT;

    private byte[] pendingBhs;
    private byte[] pendingAhs;
    private long discardRemaining;
    private boolean broken;
    private Runnable headerDigestErrors = () -> { };

    /** Told of each header digest mismatch (for the metrics), before the connection is closed. */
    public void onHeaderDigestError(Runnable listener) {
        this.headerDigestErrors = java.util.Objects.requireNonNull(listener, "listener");
    }

    public void enableDigests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    public void maxDataSegmentLength(int limit) {
        this.maxDataSegmentLength = limit;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (discardRemaining > 0) {
            int n = (int) Math.min(discardRemaining, in.readableBytes());
            in.skipBytes(n);
            discardRemaining -= n;
            if (discardRemaining > 0) {
                return;
            }
        }
        if (pendingBhs == null && !readHeader(ctx, in, out)) {
            return;
        }
        readBody(in, out);
    }

    /** Returns true when a header was read and its body is expected next. */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < Bhs.LENGTH) {
            return false;
        }
        int ahsLength = in.getUnsignedByte(in.readerIndex() + Bhs.OFF_TOTAL_AHS) * 4;
        int headerLength = Bhs.LENGTH + ahsLength + (headerDigest ? 4 : 0);
        if (in.readableBytes() < headerLength) {
            return false;
        }
        byte[] bhs = new byte[Bhs.LENGTH];
        in.readBytes(bhs);
        byte[] ahs = new byte[ahsLength];
        in.readBytes(ahs);
        if (headerDigest) {
            int received = in.readIntLE();
            int computed = Crc32c.of(bhs, ahs);
            if (received != computed) {
                log.warn("{}: header digest mismatch (received {}, computed {}); closing the connection",
                        ctx.channel(), Integer.toHexString(received), Integer.toHexString(computed));
                broken = true;
                headerDigestErrors.run();
                in.skipBytes(in.readableBytes());
                ctx.close();
                return false;
            }
        }
        int segmentLength = Bhs.u24(bhs, Bhs.OFF_DATA_SEGMENT_LENGTH);
        if (segmentLength > maxDataSegmentLength) {
            log.warn("{}: DataSegmentLength {} exceeds {}; skipping the segment", ctx.channel(), segmentLength,
                    maxDataSegmentLength);
            discardRemaining = bodyLength(segmentLength);
            out.add(PduFactory.headerOnly(bhs, PduDefect.OVERSIZED_SEGMENT));
            return false;
        }
        pendingBhs = bhs;
        pendingAhs = ahs;
        return true;
    }

    private long bodyLength(int segmentLength) {
        if (segmentLength == 0) {
            return 0;
        }
        return segmentLength + Crc32c.padding(segmentLength) + (dataDigest ? 4 : 0);
    }

    private void readBody(ByteBuf in, List<Object> out) {
        byte[] bhs = pendingBhs;
        int segmentLength = Bhs.u24(bhs, Bhs.OFF_DATA_SEGMENT_LENGTH);
        long body = bodyLength(segmentLength);
        if (in.readableBytes() < body) {
            return;
        }
        byte[] ahs = pendingAhs;
        pendingBhs = null;
        pendingAhs = null;
        ByteBuf data = Unpooled.EMPTY_BUFFER;
        boolean digestOk = true;
        if (segmentLength > 0) {
            int padded = segmentLength + Crc32c.padding(segmentLength);
            if (dataDigest) {
                int computed = Crc32c.of(in, in.readerIndex(), padded);
                int received = in.getIntLE(in.readerIndex() + padded);
                digestOk = computed == received;
            }
            if (digestOk) {
                data = in.readRetainedSlice(segmentLength);
                in.skipBytes(padded - segmentLength);
            } else {
                in.skipBytes(padded);
            }
            if (dataDigest) {
                in.skipBytes(4);
            }
        }
        if (!digestOk) {
            out.add(PduFactory.headerOnly(bhs, PduDefect.DATA_DIGEST_ERROR));
            return;
        }
        try {
            out.add(PduFactory.create(bhs, ahs, data));
        } catch (MalformedPduException e) {
            data.release();
            log.debug("malformed PDU: {}", e.getMessage());
            out.add(PduFactory.headerOnly(bhs, PduDefect.MALFORMED));
        }
    }
}
