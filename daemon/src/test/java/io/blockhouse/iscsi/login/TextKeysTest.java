package io.blockhouse.iscsi.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextKeysTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesPairsInOrderAndToleratesTrailingPadding() throws TextFormatException {
        TextKeys keys = TextKeys.parse(bytes("A=1\0B=x=y\0C=\0\0\0"));
        assertEquals(List.of("A", "B", "C"), keys.keys());
        assertEquals("x=y", keys.get("B"));
        assertEquals("", keys.get("C"));
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(TextFormatException.class, () -> TextKeys.parse(bytes("novalue\0")));
        assertThrows(TextFormatException.class, () -> TextKeys.parse(bytes("A=1\0A=2\0")));
        assertThrows(TextFormatException.class, () -> TextKeys.parse(bytes("A=1\0\0B=2\0")));
        assertThrows(TextFormatException.class, () -> TextKeys.parse(bytes("K".repeat(64) + "=1\0")));
        assertThrows(TextFormatException.class, () -> TextKeys.parse(bytes("A=1\0B=2")));
    }

    @Test
    void encodesWithNulTerminators() {
        assertEquals("A=1\0B=2\0", new String(new TextKeys().put("A", "1").put("B", "2").toBytes(),
                StandardCharsets.UTF_8));
    }
}
