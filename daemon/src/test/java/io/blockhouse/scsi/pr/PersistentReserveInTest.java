package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.exec.Bytes;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PERSISTENT RESERVE IN parameter data, byte by byte. */
class PersistentReserveInTest {
    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 7);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void readKeysListsKeysInRegistrationOrder() {
        assertGood(h.register(a, 0, 0x0102030405060708L));
        assertGood(h.register(b, 0, 0x1122334455667788L));
        byte[] d = h.prinData(a, ReadKeys.SERVICE_ACTION);
        assertArrayEquals(new byte[] {0, 0, 0, 2, 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8,
            0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88}, d);
    }

    @Test
    void truncatedDataKeepsTheFullAdditionalLength() {
        assertGood(h.register(a, 0, 1));
        assertGood(h.register(b, 0, 2));
        ScsiResult r = h.run(a, PrHarness.prin(ReadKeys.SERVICE_ACTION, 12));
        byte[] d = ByteBufUtil.getBytes(r.dataIn());
        r.dataIn().release();
        assertEquals(12, d.length);
        assertEquals(16, Bytes.u32(d, 4));
    }

    @Test
    void readReservationWithoutAndWithAReservation() {
        assertArrayEquals(new byte[8], h.prinData(a, ReadReservation.SERVICE_ACTION));
        assertGood(h.register(a, 0, 0xABCDL));
        assertGood(h.reserve(a, 0xABCDL, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY));
        byte[] d = h.prinData(b, ReadReservation.SERVICE_ACTION);
        byte[] expected = new byte[24];
        expected[3] = 1; // PRgeneration
        expected[7] = 16;
        expected[14] = (byte) 0xAB;
        expected[15] = (byte) 0xCD;
        expected[21] = 0x05; // scope 0, type 5
        assertArrayEquals(expected, d);
    }

    @Test
    void reportCapabilities() {
        byte[] d = h.prinData(a, ReportCapabilities.SERVICE_ACTION);
        // length 8; SIP_C ATP_C (no PTPL_C without a persistent store); TMV, ALLOW COMMANDS 001b; all six types
        assertArrayEquals(new byte[] {0, 8, 0x0C, (byte) 0x90, (byte) 0xEA, 0x01, 0, 0}, d);
    }

    @Test
    void readFullStatusDescribesEveryRegistrationWithItsTransportId() {
        assertGood(h.register(a, 0, 0x10));
        assertGood(h.register(b, 0, 0x20, 0x04)); // ALL_TG_PT
        assertGood(h.reserve(a, 0x10, PrType.EXCLUSIVE_ACCESS));
        byte[] d = h.prinData(a, ReadFullStatus.SERVICE_ACTION);
        assertEquals(2, Bytes.u32(d, 0));
        int first = 8;
        assertEquals(0x10, Bytes.u64(d, first));
        assertEquals(0x01, d[first + 12], "R_HOLDER");
        assertEquals(0x03, d[first + 13], "scope LU, type exclusive access");
        assertEquals(1, Bytes.u16(d, first + 18));
        int tidLength = (int) Bytes.u32(d, first + 20);
        byte[] tid = Arrays.copyOfRange(d, first + 24, first + 24 + tidLength);
        assertEquals(0x45, tid[0], "format 01b, protocol iSCSI");
        String port = PrHarness.portName(PrHarness.NAME_A, 1);
        assertEquals(port, new String(tid, 4, port.length(), StandardCharsets.US_ASCII));
        assertEquals(0, tid[4 + port.length()], "NUL terminated");
        assertEquals(0, tid.length % 4);
        int second = first + 24 + tidLength;
        assertEquals(0x20, Bytes.u64(d, second));
        assertEquals(0x02, d[second + 12], "ALL_TG_PT, not a holder");
        assertEquals(0, d[second + 13]);
        assertEquals(d.length - 8, Bytes.u32(d, 4));
    }
}
