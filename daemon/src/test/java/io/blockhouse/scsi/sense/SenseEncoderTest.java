package io.blockhouse.scsi.sense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SenseEncoderTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void fixedFormatWithCdbFieldPointer() {
        Sense s = SenseException.invalidFieldInCdb(2, 7).sense();
        assertArrayEquals(bytes(0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0x00, 0, 0xCF, 0x00, 0x02),
                SenseEncoder.fixed(s));
    }

    @Test
    void fixedFormatWholeByteParameterPointerHasNoBitPointer() {
        Sense s = SenseException.invalidFieldInParameterList(0x102, -1).sense();
        byte[] b = SenseEncoder.fixed(s);
        assertArrayEquals(bytes(0x80, 0x01, 0x02), java.util.Arrays.copyOfRange(b, 15, 18));
        assertArrayEquals(bytes(0x26, 0x00), java.util.Arrays.copyOfRange(b, 12, 14));
    }

    @Test
    void fixedFormatInformationSetsValid() {
        byte[] b = SenseEncoder.fixed(SenseException.miscompare(0x1234).sense());
        assertArrayEquals(bytes(0xF0, 0, 0x0E, 0, 0, 0x12, 0x34, 10, 0, 0, 0, 0, 0x1D, 0x00, 0, 0, 0, 0), b);
    }

    @Test
    void fixedFormatInformationTooLargeIsNotValid() {
        byte[] b = SenseEncoder.fixed(new Sense(SenseKey.MEDIUM_ERROR, 0x11, 0, null, 0x1_0000_0000L));
        assertArrayEquals(bytes(0x70, 0, 0x03, 0, 0, 0, 0), java.util.Arrays.copyOf(b, 7));
    }

    @Test
    void descriptorFormatWithInformationAndFieldPointer() {
        Sense s = new Sense(SenseKey.ILLEGAL_REQUEST, 0x24, 0x00, FieldPointer.cdb(1, 7), 0x0102030405060708L);
        assertArrayEquals(bytes(0x72, 0x05, 0x24, 0x00, 0, 0, 0, 20,
                0x00, 0x0A, 0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8,
                0x02, 0x06, 0, 0, 0xCF, 0x00, 0x01, 0), SenseEncoder.descriptor(s));
    }

    @Test
    void descriptorFormatWithoutDescriptors() {
        assertArrayEquals(bytes(0x72, 0x06, 0x29, 0x00, 0, 0, 0, 0), SenseEncoder.descriptor(SenseCodes.POWER_ON_RESET));
    }
}
