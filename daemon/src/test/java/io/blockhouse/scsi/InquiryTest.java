package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InquiryTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.open(ScsiHarness.INITIATOR_A, 1);

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    @Test
    void standardDataLayout() {
        // INQUIRY is not blocked by the pending POWER ON unit attention.
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x12, 0, 0, 0, 255, 0)));
        assertEquals(96, d.length);
        assertEquals(0x00, d[0]); // qualifier 0, direct access
        assertEquals(0x00, d[1]); // not removable
        assertEquals(0x06, d[2]); // SPC-4
        assertEquals(0x12, d[3]); // HiSup, response data format 2
        assertEquals(91, d[4]); // additional length
        assertEquals(0x10, d[5]); // TPGS 01b (implicit ALUA), no PROTECT
        assertEquals(0x02, d[7]); // CmdQue
        assertEquals("BLKHOUSE", ascii(d, 8, 16));
        assertEquals("BLOCKHOUSE DISK ", ascii(d, 16, 32));
        assertEquals("0001", ascii(d, 32, 36));
        assertArrayEquals(new byte[] {0x00, (byte) 0xA0, 0x04, 0x60, 0x04, (byte) 0xC0, 0x09, 0x60, 0, 0},
                Arrays.copyOfRange(d, 58, 68));
        SenseAssert.assertSense(h.run(nexus, 0, cdb(0x00)), 0x6, 0x29, 0x00); // UA still pending afterwards
    }

    @Test
    void allocationLengthTruncatesWithoutError() {
        assertEquals(5, dataIn(h.run(nexus, 0, cdb(0x12, 0, 0, 0, 5, 0))).length);
        assertEquals(0, dataIn(h.run(nexus, 0, cdb(0x12, 0, 0, 0, 0, 0))).length);
        assertEquals(96, dataIn(h.run(nexus, 0, cdb(0x12, 0, 0, 1, 0, 0))).length); // 16-bit allocation length
    }

    @Test
    void pageCodeWithoutEvpdIsInvalidFieldWithPointer() {
        ScsiResult r = h.run(nexus, 0, cdb(0x12, 0, 0x80, 0, 255, 0));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xC0, 2}, SenseAssert.fixedFieldPointer(r));
    }

    @Test
    void unknownVpdPageIsInvalidField() {
        ScsiResult r = h.run(nexus, 0, cdb(0x12, 1, 0x89, 0, 255, 0));
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xC0, 2}, SenseAssert.fixedFieldPointer(r));
    }

    @Test
    void supportedVpdPages() {
        assertArrayEquals(new byte[] {0, 0, 0, 6, 0x00, (byte) 0x80, (byte) 0x83, (byte) 0xB0, (byte) 0xB1,
            (byte) 0xB2}, dataIn(h.run(nexus, 0, cdb(0x12, 1, 0x00, 0, 255, 0))));
    }

    @Test
    void unitSerialNumber() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x12, 1, 0x80, 0, 255, 0)));
        assertArrayEquals(new byte[] {0, (byte) 0x80, 0, 10}, Arrays.copyOf(d, 4));
        assertEquals("SERIAL0001", ascii(d, 4, d.length));
    }

    @Test
    void deviceIdentificationDesignators() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x12, 1, 0x83, 0, 255, 0)));
        assertEquals((byte) 0x83, d[1]);
        assertEquals(d.length - 4, ((d[2] & 0xFF) << 8) | (d[3] & 0xFF));
        int p = 4;
        // NAA, binary, LU association
        assertArrayEquals(new byte[] {0x01, 0x03, 0, 16}, Arrays.copyOfRange(d, p, p + 4));
        assertArrayEquals(LogicalUnitSpec.deriveNaa("SERIAL0001"), Arrays.copyOfRange(d, p + 4, p + 20));
        assertEquals(0x60, d[p + 4] & 0xF0);
        p += 20;
        // target port name: iSCSI, UTF-8, PIV, target port association, SCSI name string
        String portName = ScsiHarness.TARGET + ",t,0x0001";
        int len = (portName.length() + 1 + 3) & ~3;
        assertArrayEquals(new byte[] {0x53, (byte) 0x98, 0, (byte) len}, Arrays.copyOfRange(d, p, p + 4));
        assertEquals(portName, ascii(d, p + 4, p + 4 + portName.length()));
        assertEquals(0, d[p + 4 + portName.length()]);
        p += 4 + len;
        // relative target port 1
        assertArrayEquals(new byte[] {0x51, (byte) 0x94, 0, 4, 0, 0, 0, 1}, Arrays.copyOfRange(d, p, p + 8));
        p += 8;
        // target port group 0 (the implicit default group)
        assertArrayEquals(new byte[] {0x51, (byte) 0x95, 0, 4, 0, 0, 0, 0}, Arrays.copyOfRange(d, p, p + 8));
        p += 8;
        // target device name
        int len2 = (ScsiHarness.TARGET.length() + 1 + 3) & ~3;
        assertArrayEquals(new byte[] {0x53, (byte) 0xA8, 0, (byte) len2}, Arrays.copyOfRange(d, p, p + 4));
        assertEquals(ScsiHarness.TARGET, ascii(d, p + 4, p + 4 + ScsiHarness.TARGET.length()));
        p += 4 + len2;
        assertEquals(d.length, p);
    }

    @Test
    void blockLimits() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x12, 1, 0xB0, 0, 255, 0)));
        assertEquals(64, d.length);
        assertArrayEquals(new byte[] {0, (byte) 0xB0, 0, 0x3C}, Arrays.copyOf(d, 4));
        assertArrayEquals(new byte[] {0, 1}, Arrays.copyOfRange(d, 6, 8)); // granularity: 512/512
        assertArrayEquals(new byte[] {0, 0, 0x40, 0}, Arrays.copyOfRange(d, 8, 12)); // 8 MiB / 512 = 16384
        assertArrayEquals(new byte[] {0, 0, 0x08, 0}, Arrays.copyOfRange(d, 12, 16)); // 1 MiB / 512 = 2048
        assertArrayEquals(new byte[8], Arrays.copyOfRange(d, 20, 28)); // no UNMAP
    }

    @Test
    void blockDeviceCharacteristicsReportsNonRotating() {
        byte[] d = dataIn(h.run(nexus, 0, cdb(0x12, 1, 0xB1, 0, 255, 0)));
        assertEquals(64, d.length);
        assertArrayEquals(new byte[] {0, (byte) 0xB1, 0, 0x3C, 0, 1}, Arrays.copyOf(d, 6));
    }

    @Test
    void blockDeviceCharacteristicsOfRotatingMediumReportsNoRate() {
        try (ScsiHarness rot = new ScsiHarness(LogicalUnitSpec.of("r", 512, false, true, true, "S2"), 8)) {
            Nexus n = rot.open(ScsiHarness.INITIATOR_A, 1);
            byte[] d = dataIn(rot.run(n, 0, cdb(0x12, 1, 0xB1, 0, 255, 0)));
            assertArrayEquals(new byte[] {0, 0}, Arrays.copyOfRange(d, 4, 6));
            n.close();
        }
    }

    @Test
    void logicalBlockProvisioningIsFullyProvisioned() {
        assertArrayEquals(new byte[] {0, (byte) 0xB2, 0, 4, 0, 0, 0, 0},
                dataIn(h.run(nexus, 0, cdb(0x12, 1, 0xB2, 0, 255, 0))));
    }

    @Test
    void unmappedLunReportsNoDevice() {
        byte[] d = dataIn(h.run(nexus, 5, cdb(0x12, 0, 0, 0, 36, 0)));
        assertEquals(36, d.length);
        assertEquals(0x7F, d[0]);
        assertEquals(0x06, d[2]);
        SenseAssert.assertSense(h.run(nexus, 5, cdb(0x12, 1, 0x80, 0, 255, 0)), 0x5, 0x25, 0x00);
    }
}
