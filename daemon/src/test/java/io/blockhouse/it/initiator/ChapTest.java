package io.blockhouse.it.initiator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChapTest {

    @Test
    void responseIsMd5OfIdentifierSecretAndChallenge() {
        // expected value computed independently: python3 hashlib.md5(bytes([0x2a]) + secret + challenge)
        byte[] challenge = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
        assertEquals("0xd8d3e3d8b54a6370acc7fde925cbe3ff",
                Chap.encode(Chap.response(0x2a, "my-chap-secret", challenge)));
    }

    @Test
    void decodesHexAndBase64() throws IscsiProtocolException {
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, Chap.decode("0xabc"));
        assertArrayEquals(new byte[] {1, 2}, Chap.decode("0X0102"));
        assertArrayEquals(new byte[] {1, 2, 3}, Chap.decode("0bAQID"));
    }

    @Test
    void refusesValuesWithoutPrefixOrWithBadDigits() {
        assertThrows(IscsiProtocolException.class, () -> Chap.decode("0102"));
        assertThrows(IscsiProtocolException.class, () -> Chap.decode("0xzz"));
        assertThrows(IscsiProtocolException.class, () -> Chap.decode("0x"));
    }
}
