package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ScsiHarness.rw10;
import static io.blockhouse.scsi.ScsiHarness.rw16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerifyTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.openReady();

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    private void fill(int lba, byte[] data) {
        System.arraycopy(data, 0, h.backend.data, lba * 512, data.length);
    }

    @Test
    void byteCheckMatchIsGood() {
        byte[] data = pattern(4 * 512, 1);
        fill(10, data);
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 10, 4, 0x02), data);
        assertEquals(4 * 512, r.transferLength());
        assertGood(r);
    }

    @Test
    void byteCheckMismatchReportsOffsetOfFirstDifferentByte() {
        byte[] data = pattern(4 * 512, 1);
        fill(10, data);
        byte[] sent = data.clone();
        sent[1500] ^= 0x58;
        sent[1700] ^= 0x01;
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 10, 4, 0x02), sent);
        SenseAssert.assertSense(r, 0xE, 0x1D, 0x00);
        byte[] s = r.sense();
        assertEquals((byte) 0xF0, s[0]);
        assertArrayEquals(new byte[] {0, 0, 0x05, (byte) 0xDC}, Arrays.copyOfRange(s, 3, 7)); // 1500
    }

    @Test
    void miscompareInDescriptorFormatWhenDSenseIsSet() {
        ModePagesTest.setDSense(h, nexus, true);
        byte[] sent = new byte[512];
        sent[3] = 1;
        ScsiResult r = h.run(nexus, 0, rw16(0x8F, 0, 1, 0x02), sent);
        assertArrayEquals(new byte[] {0x72, 0x0E, 0x1D, 0x00, 0, 0, 0, 12, 0x00, 0x0A, (byte) 0x80, 0,
            0, 0, 0, 0, 0, 0, 0, 3}, r.sense());
    }

    @Test
    void noByteCheckOnlyChecksTheRange() {
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 0, 16, 0x00));
        assertEquals(0, r.transferLength());
        assertGood(r);
        SenseAssert.assertSense(h.run(nexus, 0, rw10(0x2F, 1020, 16, 0x00)), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, ScsiHarness.cdb(0xAF, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 1)),
                0x5, 0x21, 0x00); // VERIFY(12) at LBA 1025
    }

    @Test
    void verifyProtectAndReservedBytchkAreInvalid() {
        SenseAssert.assertSense(h.run(nexus, 0, rw10(0x2F, 0, 1, 0x22), new byte[512]), 0x5, 0x24, 0x00);
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 0, 1, 0x04), new byte[512]);
        SenseAssert.assertSense(r, 0x5, 0x24, 0x00);
        assertArrayEquals(new int[] {0xCA, 1}, SenseAssert.fixedFieldPointer(r));
    }

    @Test
    void singleBlockPatternComparedWithEveryBlock() {
        byte[] block = pattern(512, 4);
        for (int i = 0; i < 3; i++) {
            fill(20 + i, block);
        }
        assertGood(h.run(nexus, 0, rw10(0x2F, 20, 3, 0x06), block));
        h.backend.data[22 * 512 + 7] ^= 1;
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 20, 3, 0x06), block);
        SenseAssert.assertSense(r, 0xE, 0x1D, 0x00);
        assertEquals(1031, ((r.sense()[5] & 0xFF) << 8) | (r.sense()[6] & 0xFF));
    }

    @Test
    void writeAndVerifyWritesDurablyAndChecks() {
        byte[] data = pattern(2 * 512, 8);
        ScsiResult r = h.run(nexus, 0, rw10(0x2E, 50, 2, 0x02), data);
        assertEquals(1024, r.transferLength());
        assertGood(r);
        assertArrayEquals(data, Arrays.copyOfRange(h.backend.data, 50 * 512, 52 * 512));
        assertEquals(List.of(true), h.backend.durability());
        assertGood(h.run(nexus, 0, rw16(0x8E, 60, 1, 0x10), pattern(512, 1)));
        assertGood(h.run(nexus, 0, ScsiHarness.cdb(0xAE, 0, 0, 0, 0, 70, 0, 0, 0, 1), pattern(512, 1)));
        SenseAssert.assertSense(h.run(nexus, 0, rw10(0x2E, 1023, 2, 0), data), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(nexus, 0, rw10(0x2E, 0, 1, 0x40), data), 0x5, 0x24, 0x00);
    }

    @Test
    void writeAndVerifyShortDataOutFollowsTheWriteRule() {
        ScsiResult r = h.run(nexus, 0, rw10(0x2E, 0, 1, 0), pattern(100, 1));
        SenseAssert.assertSense(r, 0x5, 0x0E, 0x03);
        assertEquals(512, r.transferLength());
        assertEquals(List.of(), h.backend.durability());
    }
}
