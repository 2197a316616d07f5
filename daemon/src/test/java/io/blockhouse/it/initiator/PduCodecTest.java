package io.blockhouse.it.initiator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PduCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc32cMatchesTheRfc3720Vectors() {
        assertEquals("aa36918a", wire(new byte[32]));
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals("43aba862", wire(ones));
        byte[] up = new byte[32];
        byte[] down = new byte[32];
        for (int i = 0; i < 32; i++) {
            up[i] = (byte) i;
            down[i] = (byte) (31 - i);
        }
        assertEquals("4e79dd46", wire(up));
        assertEquals("5cdb3f11", wire(down));
    }

    private static String wire(byte[] bytes) {
        return HEX.formatHex(PduCodec.digestBytes(PduCodec.crc32c(bytes, 0, bytes.length)));
    }

    @Test
    void encodesHeaderPaddingAndDigestsInWireOrder() {
        Pdu pdu = Pdu.of(Opcodes.NOP_OUT, true).flags(0x80).initiatorTaskTag(0x01020304).data(new byte[] {9, 8, 7});
        byte[] wire = PduCodec.encode(pdu, true, true, Corruption.NONE);
        assertEquals(48 + 4 + 4 + 4, wire.length);
        assertEquals(0x40, wire[0]);
        assertEquals((byte) 0x80, wire[1]);
        assertEquals(3, wire[7], "DataSegmentLength excludes padding");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(wire, 16, 20));
        byte[] headerDigest = PduCodec.digestBytes(PduCodec.crc32c(wire, 0, 48));
        assertArrayEquals(headerDigest, Arrays.copyOfRange(wire, 48, 52));
        assertArrayEquals(new byte[] {9, 8, 7, 0}, Arrays.copyOfRange(wire, 52, 56));
        assertArrayEquals(PduCodec.digestBytes(PduCodec.crc32c(new byte[] {9, 8, 7, 0}, 0, 4)),
                Arrays.copyOfRange(wire, 56, 60));
    }

    @Test
    void roundTripsThroughTheReader() throws IOException {
        Pdu pdu = Pdu.of(Opcodes.SCSI_COMMAND, false).flags(0xa1).lun(3).intAt(24, 77).data(new byte[1001]);
        byte[] wire = PduCodec.encode(pdu, true, true, Corruption.NONE);
        Pdu back = PduCodec.read(new ByteArrayInputStream(wire), true, true, 65536);
        assertEquals(Opcodes.SCSI_COMMAND, back.opcode());
        assertEquals(0xa1, back.flags());
        assertEquals(77, back.intAt(24));
        assertArrayEquals(new byte[] {0, 3, 0, 0, 0, 0, 0, 0}, back.bytesAt(8, 8));
        assertEquals(1001, back.data().length);
    }

    @Test
    void eachCorruptionIsDetectedByTheReader() {
        Pdu pdu = Pdu.of(Opcodes.DATA_OUT, false).data(new byte[] {1, 2, 3, 4, 5});
        for (Corruption c : new Corruption[] {Corruption.HEADER_DIGEST, Corruption.DATA_DIGEST,
            Corruption.DATA_PAYLOAD}) {
            byte[] wire = PduCodec.encode(pdu, true, true, c);
            assertThrows(DigestMismatchException.class,
                    () -> PduCodec.read(new ByteArrayInputStream(wire), true, true, 65536), c.name());
        }
    }

    @Test
    void payloadCorruptionFlipsARealDataByteAndKeepsTheIntendedDigest() {
        byte[] data = {1, 2, 3, 4, 5};
        Pdu pdu = Pdu.of(Opcodes.DATA_OUT, false).data(data);
        byte[] good = PduCodec.encode(pdu, false, true, Corruption.NONE);
        byte[] bad = PduCodec.encode(pdu, false, true, Corruption.DATA_PAYLOAD);
        assertArrayEquals(Arrays.copyOfRange(good, 56, 60), Arrays.copyOfRange(bad, 56, 60), "same digest");
        int differing = 0;
        for (int i = 48; i < 53; i++) {
            differing += good[i] != bad[i] ? 1 : 0;
        }
        assertEquals(1, differing);
    }

    @Test
    void declaredLengthOverridesTheHeaderOnly() {
        byte[] wire = PduCodec.encode(Pdu.of(Opcodes.NOP_OUT, true).declaredDataLength(0xffffff), false, false,
                Corruption.NONE);
        assertEquals(48, wire.length);
        assertEquals("00ffffff", HEX.formatHex(wire, 4, 8));
    }

    @Test
    void truncatedInputIsEndOfStream() {
        byte[] wire = PduCodec.encode(Pdu.of(Opcodes.NOP_OUT, true).data(new byte[100]), false, false,
                Corruption.NONE);
        assertThrows(EOFException.class,
                () -> PduCodec.read(new ByteArrayInputStream(Arrays.copyOf(wire, 60)), false, false, 65536));
        assertThrows(EOFException.class,
                () -> PduCodec.read(new ByteArrayInputStream(new byte[0]), false, false, 65536));
    }

    @Test
    void absurdDataLengthIsRefusedBeforeBuffering() {
        byte[] header = PduCodec.encode(Pdu.of(Opcodes.DATA_IN, false).declaredDataLength(0xffffff), false, false,
                Corruption.NONE);
        assertThrows(IscsiProtocolException.class,
                () -> PduCodec.read(new ByteArrayInputStream(header), false, false, 65536));
    }
}
