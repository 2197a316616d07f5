package io.blockhouse.iscsi.login;

import java.util.Base64;
import java.util.HexFormat;

/** The binary-value encodings of RFC 7143 section 6.1: "0x" hexadecimal and "0b" base64. */
public final class BinaryValue {
    private BinaryValue() {
    }

    /**
     * Decodes a hex ("0x") or base64 ("0b") value.
     *
     * @throws IllegalArgumentException when the value uses neither encoding or is malformed
     */
    public static byte[] decode(String value) {
        if (value.length() < 3) {
            throw new IllegalArgumentException("binary value too short");
        }
        String prefix = value.substring(0, 2);
        String body = value.substring(2);
        if (prefix.equalsIgnoreCase("0x")) {
            if ((body.length() & 1) == 1) {
                body = "0" + body;
            }
            return HexFormat.of().parseHex(body);
        }
        if (prefix.equalsIgnoreCase("0b")) {
            return Base64.getDecoder().decode(body);
        }
        throw new IllegalArgumentException("binary value needs a 0x or 0b prefix");
    }

    public static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
