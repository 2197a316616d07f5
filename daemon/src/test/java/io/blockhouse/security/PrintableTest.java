package io.blockhouse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlCharactersCannotStartANewLogLine() {
        assertEquals("iqn.x\\x0a2026-11-24 INFO forged", Printable.of("iqn.x\n2026-11-24 INFO forged"));
        assertEquals("a\\x0db\\x1b[31mc\\x7f", Printable.of("a\rb\u001b[31mc\u007f"));
    }

    @Test
    void ordinaryNamesAreUnchangedAndLongOnesCut() {
        assertEquals("iqn.1994-05.com.redhat:host-ümlaut", Printable.of("iqn.1994-05.com.redhat:host-ümlaut"));
        String cut = Printable.of("x".repeat(10_000));
        assertEquals(Printable.MAX + 3, cut.length());
        assertTrue(cut.endsWith("..."));
        assertEquals("null", Printable.of(null));
    }
}
