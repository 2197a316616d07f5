package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** READ DEFECT DATA (10)/(12): valid, empty lists in the format asked for. */
class ReadDefectDataTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus n = h.openReady();

    @AfterEach
    void close() {
        n.close();
        h.close();
    }

    @Test
    void tenByteFormEchoesTheRequestWithAnEmptyList() {
        // REQ_PLIST + REQ_GLIST, long block format (011b), allocation length 32.
        byte[] d = dataIn(h.run(n, 0, cdb(0x37, 0, 0x1B, 0, 0, 0, 0, 0, 32, 0)));
        assertArrayEquals(new byte[] {0, 0x1B, 0, 0}, d);
        // Short block format, only the grown list.
        assertArrayEquals(new byte[] {0, 0x08, 0, 0}, dataIn(h.run(n, 0, cdb(0x37, 0, 0x08, 0, 0, 0, 0, 0, 4, 0))));
    }

    @Test
    void twelveByteFormHasAnEightByteHeader() {
        byte[] d = dataIn(h.run(n, 0, cdb(0xB7, 0x14, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0)));
        assertArrayEquals(new byte[] {0, 0x14, 0, 0, 0, 0, 0, 0}, d);
    }

    @Test
    void allocationLengthTruncatesTheHeader() {
        assertArrayEquals(new byte[] {0, 0x10}, dataIn(h.run(n, 0, cdb(0x37, 0, 0x10, 0, 0, 0, 0, 0, 2, 0))));
    }

    @Test
    void reservedFormatAndReservedBitsAreRefused() {
        SenseAssert.assertSense(h.run(n, 0, cdb(0x37, 0, 0x07, 0, 0, 0, 0, 0, 32, 0)), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, 0, cdb(0x37, 0, 0x20, 0, 0, 0, 0, 0, 32, 0)), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, 0, cdb(0xB7, 0x1F, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0)), 0x5, 0x24, 0x00);
    }
}
