package io.blockhouse.iscsi.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.testing.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IscsiFrameDecoderTest {
    private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.US_ASCII);

    /** A SCSI Command with a 32-byte CDB (extended CDB AHS) and 5 bytes of immediate data (3 bytes padding). */
    private static byte[] commandWithAhs(boolean hd, boolean dd) {
        byte[] cdb = new byte[32];
        for (int i = 0; i < cdb.length; i++) {
            cdb[i] = (byte) (0x7f - i);
        }
        byte[] bhs = Wire.scsiCommand(false, true, false, true, 0x0001000000000000L, 0x1234, 5, 42, cdb);
        // Extended CDB AHS: AHSLength = 17 (reserved byte + 16 CDB bytes), type 1, padded to 20 bytes.
        byte[] ahs = new byte[20];
        Wire.put16(ahs, 0, 17);
        ahs[2] = 1;
        System.arraycopy(cdb, 16, ahs, 4, 16);
        return Wire.frame(bhs, ahs, PAYLOAD, hd, dd);
    }

    private static EmbeddedChannel channel(boolean hd, boolean dd) {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enableDigests(hd, dd);
        return new EmbeddedChannel(decoder);
    }

    private static void assertCommand(ScsiCommandPdu pdu) {
        assertEquals(Opcode.SCSI_COMMAND, pdu.opcode());
        assertEquals(0x1234, pdu.initiatorTaskTag());
        assertEquals(0x0001000000000000L, pdu.lun());
        assertEquals(5, pdu.expectedDataTransferLength());
        assertEquals(42, pdu.cmdSN());
        assertTrue(pdu.writeBit());
        assertFalse(pdu.readBit());
        assertTrue(pdu.finalBit());
        assertEquals(32, pdu.cdb().length);
        assertEquals(0x7f, pdu.cdb()[0]);
        assertEquals((byte) (0x7f - 31), pdu.cdb()[31]);
        assertEquals(PduDefect.NONE, pdu.defect());
        byte[] data = new byte[pdu.data().readableBytes()];
        pdu.data().getBytes(pdu.data().readerIndex(), data);
        assertArrayEquals(PAYLOAD, data);
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void decodesWhenSplitAtEveryByteBoundary(boolean hd, boolean dd) {
        byte[] wire = commandWithAhs(hd, dd);
        for (int split = 1; split < wire.length; split++) {
            EmbeddedChannel ch = channel(hd, dd);
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 0, split)));
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, split, wire.length)));
            ScsiCommandPdu pdu = ch.readInbound();
            assertCommand(pdu);
            assertEquals(1, pdu.refCnt());
            assertTrue(pdu.release());
            assertEquals(0, pdu.refCnt());
            assertNull(ch.readInbound());
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,true"})
    void decodesFedOneByteAtATimeFollowedByAnotherPdu(boolean hd, boolean dd) {
        byte[] first = commandWithAhs(hd, dd);
        byte[] second = Wire.frame(Wire.nopOut(true, 7, Wire.NO_TAG, 43), new byte[0], new byte[] {1, 2}, hd, dd);
        byte[] wire = new byte[first.length + second.length];
        System.arraycopy(first, 0, wire, 0, first.length);
        System.arraycopy(second, 0, wire, first.length, second.length);
        EmbeddedChannel ch = channel(hd, dd);
        for (byte b : wire) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        ScsiCommandPdu cmd = ch.readInbound();
        assertCommand(cmd);
        cmd.release();
        NopOutPdu nop = ch.readInbound();
        assertTrue(nop.immediate());
        assertEquals(7, nop.initiatorTaskTag());
        assertEquals(2, nop.data().readableBytes());
        assertEquals(1, nop.refCnt());
        nop.release();
        assertEquals(0, nop.refCnt());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void headerDigestMismatchClosesTheConnection() {
        byte[] wire = commandWithAhs(true, false);
        wire[10] ^= 1;
        EmbeddedChannel ch = channel(true, false);
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void headerDigestMismatchIsReportedToTheListenerOnce() {
        byte[] wire = commandWithAhs(true, false);
        wire[10] ^= 1;
        int[] reported = new int[1];
        EmbeddedChannel ch = new EmbeddedChannel(decoderReporting(reported));
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertEquals(1, reported[0]);
        ch.finishAndReleaseAll();
        EmbeddedChannel good = new EmbeddedChannel(decoderReporting(reported));
        good.writeInbound(Unpooled.wrappedBuffer(commandWithAhs(true, false)));
        ScsiCommandPdu pdu = good.readInbound();
        pdu.release();
        assertEquals(1, reported[0], "a good digest is not reported");
        good.finishAndReleaseAll();
    }

    private static IscsiFrameDecoder decoderReporting(int[] reported) {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enableDigests(true, false);
        decoder.onHeaderDigestError(() -> reported[0]++);
        return decoder;
    }

    @Test
    void dataDigestMismatchDeliversHeaderWithDefectAndNoPayload() {
        byte[] wire = commandWithAhs(true, true);
        wire[wire.length - 6] ^= 1;
        EmbeddedChannel ch = channel(true, true);
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        ScsiCommandPdu pdu = ch.readInbound();
        assertEquals(PduDefect.DATA_DIGEST_ERROR, pdu.defect());
        assertEquals(0, pdu.data().readableBytes());
        assertEquals(5, pdu.dataSegmentLength());
        assertEquals(0x1234, pdu.initiatorTaskTag());
        pdu.release();
        assertTrue(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void oversizedSegmentIsSkippedAndTheStreamStaysInSync() {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.maxDataSegmentLength(1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] big = Wire.frame(Wire.dataOut(true, 0, 9, 1, 0, 0), new byte[2001]);
        byte[] next = Wire.frame(Wire.nopOut(true, 8, Wire.NO_TAG, 1), new byte[0]);
        // Arrive in pieces so the skipping spans several reads.
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(big, 0, 100)));
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(big, 100, big.length)));
        ch.writeInbound(Unpooled.wrappedBuffer(next));
        DataOutPdu skipped = ch.readInbound();
        assertEquals(PduDefect.OVERSIZED_SEGMENT, skipped.defect());
        assertEquals(0, skipped.data().readableBytes());
        skipped.release();
        NopOutPdu nop = ch.readInbound();
        assertEquals(8, nop.initiatorTaskTag());
        nop.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void malformedAhsIsReportedNotThrown() {
        byte[] bhs = Wire.scsiCommand(false, true, true, false, 0, 1, 512, 1, new byte[16]);
        byte[] ahs = new byte[4];
        Wire.put16(ahs, 0, 200);
        ahs[2] = 1;
        EmbeddedChannel ch = channel(false, false);
        ch.writeInbound(Unpooled.wrappedBuffer(Wire.frame(bhs, ahs, new byte[] {1, 2, 3}, false, false)));
        IscsiPdu pdu = ch.readInbound();
        assertEquals(PduDefect.MALFORMED, pdu.defect());
        pdu.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void unknownOpcodeBecomesUnknownPdu() {
        EmbeddedChannel ch = channel(false, false);
        ch.writeInbound(Unpooled.wrappedBuffer(Wire.frame(Wire.bhs(0x1c, false, 0x80), new byte[] {9})));
        IscsiPdu pdu = ch.readInbound();
        assertInstanceOf(UnknownPdu.class, pdu);
        assertEquals(0x1c, pdu.opcode());
        pdu.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void crc32cMatchesRfc3720Vectors() {
        // RFC 3720 appendix B.4: the digest bytes as they appear on the wire.
        ByteBuf zeros = Unpooled.wrappedBuffer(new byte[32]);
        assertEquals(0x8a9136aa, Crc32c.of(zeros, 0, 32));
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals(0x62a8ab43, Crc32c.of(ones, null));
        byte[] incrementing = new byte[32];
        for (int i = 0; i < 32; i++) {
            incrementing[i] = (byte) i;
        }
        ByteBuf wire = Unpooled.buffer(4).writeIntLE(Crc32c.of(incrementing, null));
        assertArrayEquals(new byte[] {0x4e, 0x79, (byte) 0xdd, 0x46}, Arrays.copyOf(wire.array(), 4));
    }
}
