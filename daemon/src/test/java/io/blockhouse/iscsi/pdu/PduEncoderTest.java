package io.blockhouse.iscsi.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.testing.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PduEncoderTest {
    private static List<ByteBuf> encode(PduEncoder encoder, TargetPdu pdu) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound(pdu);
        List<ByteBuf> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.add(b);
        }
        assertFalse(ch.finish());
        return out;
    }

    private static byte[] concat(List<ByteBuf> bufs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b : bufs) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.writeBytes(bytes);
            b.release();
        }
        return out.toByteArray();
    }

    @Test
    void scsiResponseWithSenseIsByteExact() {
        ByteBuf sense = Unpooled.buffer().writeShort(3).writeBytes(new byte[] {0x70, 0, 5});
        ScsiResponsePdu pdu = new ScsiResponsePdu(0x01020304, 0, 0x02, ScsiResponsePdu.FLAG_UNDERFLOW, 512, 0,
                sense);
        pdu.stamp(0x11, 0x22, 0x33);
        byte[] expected = new byte[48 + 8];
        expected[0] = 0x21;
        expected[1] = (byte) 0x82;
        expected[2] = 0;
        expected[3] = 0x02;
        expected[7] = 5;
        Wire.put32(expected, 16, 0x01020304);
        Wire.put32(expected, 24, 0x11);
        Wire.put32(expected, 28, 0x22);
        Wire.put32(expected, 32, 0x33);
        Wire.put32(expected, 44, 512);
        byte[] tail = {0, 3, 0x70, 0, 5, 0, 0, 0};
        System.arraycopy(tail, 0, expected, 48, 8);
        List<ByteBuf> bufs = encode(new PduEncoder(), pdu);
        assertEquals(3, bufs.size(), "header, data segment, padding as separate buffers");
        assertArrayEquals(expected, concat(bufs));
        assertEquals(0, sense.refCnt());
    }

    @Test
    void r2tIsByteExact() {
        R2tPdu pdu = new R2tPdu(0x0001000000000000L, 7, 0x55, 2, 65536, 8192);
        pdu.stamp(100, 200, 300);
        String hex = HexFormat.of().formatHex(concat(encode(new PduEncoder(), pdu)));
        assertEquals("31800000" + "00000000" + "0001000000000000" + "00000007" + "00000055" + "00000064"
                + "000000c8" + "0000012c" + "00000002" + "00010000" + "00002000", hex);
    }

    @Test
    void dataInWithStatusDoesNotCopyTheDataSegment() {
        ByteBuf data = Unpooled.directBuffer(8).writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DataInPdu pdu = new DataInPdu(DataInPdu.FLAG_FINAL | DataInPdu.FLAG_STATUS | DataInPdu.FLAG_UNDERFLOW, 0, 0,
                9, 3, 4096, 100, data);
        pdu.stamp(5, 6, 7);
        List<ByteBuf> bufs = encode(new PduEncoder(), pdu);
        assertEquals(2, bufs.size(), "no padding needed for 8 bytes");
        assertEquals(data.memoryAddress(), bufs.get(1).memoryAddress(), "data segment handed on, not copied");
        byte[] wire = concat(bufs);
        assertEquals(0x25, wire[0]);
        assertEquals((byte) 0x83, wire[1]);
        assertEquals(5, Wire.get32(wire, 24), "StatSN present with the S bit");
        assertEquals(-1, Wire.get32(wire, 20), "TTT reserved");
        assertEquals(3, Wire.get32(wire, 36));
        assertEquals(4096, Wire.get32(wire, 40));
        assertEquals(100, Wire.get32(wire, 44));
        assertEquals(0, data.refCnt());
    }

    @Test
    void digestsAreAppendedLittleEndian() {
        PduEncoder encoder = new PduEncoder();
        encoder.enableDigests(true, true);
        NopInPdu pdu = new NopInPdu(1, Wire.NO_TAG, 0, Unpooled.wrappedBuffer(new byte[] {9, 9, 9}));
        pdu.stamp(1, 2, 3);
        byte[] wire = concat(encode(encoder, pdu));
        assertEquals(48 + 4 + 4 + 4, wire.length);
        byte[] bhs = java.util.Arrays.copyOf(wire, 48);
        int hd = Unpooled.wrappedBuffer(wire, 48, 4).readIntLE();
        assertEquals(Wire.crc(bhs), hd);
        int dd = Unpooled.wrappedBuffer(wire, 56, 4).readIntLE();
        assertEquals(Wire.crc(new byte[] {9, 9, 9, 0}), dd);
        assertTrue(wire[55] == 0, "zero padding");
    }

    @Test
    void rejectCarriesTheRejectedHeader() {
        byte[] bad = Wire.bhs(0x1c, false, 0x80);
        RejectPdu pdu = new RejectPdu(RejectPdu.COMMAND_NOT_SUPPORTED, bad);
        pdu.stamp(1, 2, 3);
        byte[] wire = concat(encode(new PduEncoder(), pdu));
        assertEquals(0x3f, wire[0]);
        assertEquals(RejectPdu.COMMAND_NOT_SUPPORTED, wire[2]);
        assertEquals(-1, Wire.get32(wire, 16));
        assertEquals(48, wire[7]);
        assertArrayEquals(bad, java.util.Arrays.copyOfRange(wire, 48, 96));
    }
}
