package io.blockhouse.iscsi.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One PDU the target sent, parsed from raw bytes by the test (BHS fields by RFC 7143 offsets). */
public record TargetPduView(byte[] bhs, byte[] data) {
    public int opcode() {
        return bhs[0] & 0x3f;
    }

    public int flags() {
        return bhs[1] & 0xff;
    }

    public boolean finalBit() {
        return (bhs[1] & 0x80) != 0;
    }

    public int byte2() {
        return bhs[2] & 0xff;
    }

    public int byte3() {
        return bhs[3] & 0xff;
    }

    public int dataSegmentLength() {
        return ((bhs[5] & 0xff) << 16) | ((bhs[6] & 0xff) << 8) | (bhs[7] & 0xff);
    }

    public int itt() {
        return Wire.get32(bhs, 16);
    }

    public int ttt() {
        return Wire.get32(bhs, 20);
    }

    public int statSN() {
        return Wire.get32(bhs, 24);
    }

    public int expCmdSN() {
        return Wire.get32(bhs, 28);
    }

    public int maxCmdSN() {
        return Wire.get32(bhs, 32);
    }

    public int int32(int off) {
        return Wire.get32(bhs, off);
    }

    /** Login Response Status-Class << 8 | Status-Detail. */
    public int loginStatus() {
        return ((bhs[36] & 0xff) << 8) | (bhs[37] & 0xff);
    }

    public int tsih() {
        return Wire.get16(bhs, 14);
    }

    public Map<String, String> keys() {
        Map<String, String> m = new LinkedHashMap<>();
        String all = new String(data, StandardCharsets.UTF_8);
        for (String pair : all.split("\0")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
