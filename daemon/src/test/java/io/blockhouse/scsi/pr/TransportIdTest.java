package io.blockhouse.scsi.pr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.sense.SenseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** iSCSI TransportIDs (SPC-4 7.6.4.6) in both formats. */
class TransportIdTest {

    private static byte[] tid(int byte0, String text, int padTo) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[4 + padTo];
        b[0] = (byte) byte0;
        b[3] = (byte) padTo;
        System.arraycopy(t, 0, b, 4, t.length);
        return b;
    }

    @Test
    void encodesAnInitiatorPortInFormat01() {
        byte[] b = TransportId.encode("iqn.a:b,i,0x400001370001");
        assertEquals(0x45, b[0]);
        assertEquals(28, (b[2] << 8) | b[3], "24 characters and the NUL, padded to a multiple of 4");
        assertEquals(32, b.length);
        assertEquals(0, b[4 + 24]);
    }

    @Test
    void encodesAShortNameWithTheMinimumLength() {
        byte[] b = TransportId.encode("iqn.x");
        assertEquals(0x05, b[0], "format 00b");
        assertEquals(20, b[3]);
        assertArrayEquals("iqn.x".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(b, 4, 9));
    }

    @Test
    void parsesBothFormatsAndNormalisesTheIsid() throws SenseException {
        byte[] port = tid(0x45, "iqn.2026-01.test:x,I,0x4000013700AB", 36);
        TransportId.Parsed p = TransportId.parse(port, 0, port.length);
        assertTrue(p.port());
        assertEquals("iqn.2026-01.test:x,i,0x4000013700ab", p.initiator());
        assertEquals(40, p.length());
        byte[] device = tid(0x05, "iqn.2026-01.test:x", 20);
        TransportId.Parsed d = TransportId.parse(device, 0, device.length);
        assertFalse(d.port());
        assertEquals("iqn.2026-01.test:x", d.initiator());
    }

    @Test
    void rejectsOtherProtocolsBadIsidsAndMissingTerminators() {
        byte[] fc = tid(0x00, "iqn.x", 20);
        assertThrows(SenseException.class, () -> TransportId.parse(fc, 0, fc.length));
        byte[] shortIsid = tid(0x45, "iqn.x,i,0x1234", 20);
        assertThrows(SenseException.class, () -> TransportId.parse(shortIsid, 0, shortIsid.length));
        byte[] full = tid(0x05, "iqn.0123456789ab", 16); // no room for the NUL
        assertThrows(SenseException.class, () -> TransportId.parse(full, 0, full.length));
        byte[] overrun = tid(0x05, "iqn.x", 20);
        assertThrows(SenseException.class, () -> TransportId.parse(overrun, 0, overrun.length - 4));
        byte[] unaligned = tid(0x05, "iqn.x", 22);
        assertThrows(SenseException.class, () -> TransportId.parse(unaligned, 0, unaligned.length));
    }
}
