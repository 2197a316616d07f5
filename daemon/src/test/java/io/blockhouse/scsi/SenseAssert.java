package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Decodes sense data (fixed or descriptor) for assertions. */
final class SenseAssert {
    private SenseAssert() {
    }

    static void assertSense(ScsiResult r, int key, int asc, int ascq) {
        assertEquals(ScsiStatus.CHECK_CONDITION, r.status(), "CHECK CONDITION expected");
        byte[] s = r.sense();
        assertNotNull(s);
        int code = s[0] & 0x7F;
        int k;
        int a;
        int q;
        if (code == 0x72 || code == 0x73) {
            k = s[1] & 0x0F;
            a = s[2] & 0xFF;
            q = s[3] & 0xFF;
        } else {
            k = s[2] & 0x0F;
            a = s[12] & 0xFF;
            q = s[13] & 0xFF;
        }
        assertEquals(String.format("%X/%02X/%02X", key, asc, ascq), String.format("%X/%02X/%02X", k, a, q),
                () -> "sense " + hex(s));
    }

    /** Fixed format field pointer bytes 15..17. */
    static int[] fixedFieldPointer(ScsiResult r) {
        byte[] s = r.sense();
        return new int[] {s[15] & 0xFF, ((s[16] & 0xFF) << 8) | (s[17] & 0xFF)};
    }

    static String hex(byte[] b) {
        if (b == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString().trim();
    }
}
