package io.blockhouse.iscsi.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.blockhouse.iscsi.testing.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the PDU framing ({@link IscsiFrameDecoder}) in an {@link EmbeddedChannel}: any byte stream, cut into any
 * chunks, with header and data digests on or off, must give typed PDUs (possibly flagged with a {@link PduDefect})
 * or a closed connection, never an exception, and every buffer must be released exactly once.
 *
 * <p>Input layout (so seeds are plain PDU bytes behind a 3-byte prefix): byte 0 bit 0 = HeaderDigest, bit 1 =
 * DataDigest, bit 2 = after-login segment limit (262144) instead of the login limit; byte 1 = chunk size 1..256
 * (0 = the whole stream at once); byte 2 = reserved; the rest is the stream from the initiator.
 */
class FrameDecoderFuzzTest {
    /** Bounds the work per input; longer streams add no new framing states. */
    private static final int MAX_STREAM = 64 * 1024;

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] input) {
        if (input.length < 3 || input.length - 3 > MAX_STREAM) {
            return;
        }
        boolean headerDigest = (input[0] & 1) != 0;
        boolean dataDigest = (input[0] & 2) != 0;
        int chunk = input[1] & 0xff;
        TrackingAllocator allocator = new TrackingAllocator();
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enableDigests(headerDigest, dataDigest);
        if ((input[0] & 4) != 0) {
            decoder.maxDataSegmentLength(262144);
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(decoder);
        List<ByteBuf> sent = new ArrayList<>();
        int offset = 3;
        while (offset < input.length && channel.isOpen()) {
            int n = chunk == 0 ? input.length - offset : Math.min(chunk, input.length - offset);
            ByteBuf buf = allocator.buffer(n);
            buf.writeBytes(input, offset, n);
            sent.add(buf);
            channel.writeInbound(buf);
            offset += n;
            drain(channel);
        }
        channel.finish();
        drain(channel);
        for (ByteBuf b : sent) {
            assertEquals(0, b.refCnt(), "input buffer released by the decoder");
        }
        assertEquals(List.of(), allocator.unreleased(), "every buffer released exactly once");
    }

    /** Takes every decoded PDU, checks its framing invariants and releases it. */
    private static void drain(EmbeddedChannel channel) {
        Object o;
        while ((o = channel.readInbound()) != null) {
            IscsiPdu pdu = (IscsiPdu) o;
            try {
                int segment = pdu.dataSegmentLength();
                int carried = pdu.data().readableBytes();
                assertTrue(carried == segment || carried == 0 && pdu.defect() != PduDefect.NONE,
                        () -> "data segment " + carried + " of " + segment + " with defect " + pdu.defect());
            } finally {
                assertTrue(pdu.release(), "the PDU is the last holder of its data");
            }
        }
    }
}
