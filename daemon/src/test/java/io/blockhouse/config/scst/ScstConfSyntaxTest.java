package io.blockhouse.config.scst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.DeviceConfig;
import org.junit.jupiter.api.Test;

/** The scst.conf grammar: comments, escapes, quotes, sections, and every syntax error with its line and column. */
class ScstConfSyntaxTest {

    static String conf(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static ScstConfException syntaxError(String text) {
        return assertThrows(ScstConfException.class, () -> ScstConfImporter.importConf(text, "test.conf"));
    }

    static void assertError(ScstConfException e, int line, int column, String part) {
        assertEquals(line, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
        assertTrue(e.reason().contains(part), () -> "expected \"" + part + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("test.conf:" + line + ":" + column + ": "), e::getMessage);
    }

    @Test
    void commentsEscapesQuotesBlankLinesAndCrLf() throws Exception {
        String text = "# header comment\r\n"
                + "\r\n"
                + "HANDLER vdisk_fileio {   # trailing comment\r\n"
                + "\tDEVICE d1 {\r\n"
                + "\t\tfilename \"/mnt/v/with space\\#1\\\\x.img\"\r\n"
                + "\t\tt10_dev_id id\\#7   # the serial\r\n"
                + "\t}\r\n"
                + "}\r\n"
                + "TARGET_DRIVER iscsi {\r\n"
                + "\tenabled 1\r\n"
                + "\tTARGET iqn.2026-11.com.example:t1 {\r\n"
                + "\t\tenabled 1\r\n"
                + "\t\tIncomingUser joe twelve-chars-secret\r\n"
                + "\t\tLUN 0 d1\r\n"
                + "\t}\r\n"
                + "}\r\n";
        ImportResult r = ScstConfImporter.importConf(text, "test.conf");
        DeviceConfig d = r.config().devices().get(0);
        assertEquals("/mnt/v/with space#1\\x.img", d.path());
        assertEquals("id#7", d.serial());
        assertEquals(new ChapConfig("joe", "twelve-chars-secret", null, null), r.config().targets().get(0).chap());
        assertEquals(0, r.warnings().size(), r.warnings()::toString);
    }

    @Test
    void braceGluedToTheNameStillOpensTheSection() throws Exception {
        ImportResult r = ScstConfImporter.importConf(conf(
                "HANDLER vdisk_nullio{",
                "DEVICE n1{",
                "size 1048576",
                "}",
                "}"), "test.conf");
        assertEquals("n1", r.config().devices().get(0).name());
    }

    @Test
    void emptyFileImportsAnEmptyConfiguration() throws Exception {
        ImportResult r = ScstConfImporter.importConf("# nothing\n\n", "test.conf");
        assertTrue(r.config().devices().isEmpty());
        assertTrue(r.config().targets().isEmpty());
    }

    @Test
    void unterminatedQuote() {
        assertError(syntaxError(conf("TARGET_DRIVER iscsi {", "\tIncomingUser \"joe secret", "}")), 2, 15,
                "unterminated quoted value");
    }

    @Test
    void unescapedHashInsideQuotesIsACommentAndLeavesTheQuoteOpen() {
        assertError(syntaxError(conf("TARGET_DRIVER iscsi {", "  IncomingUser \"joe abc#defghijklmn\"", "}")), 2,
                16, "must be written \\#");
    }

    @Test
    void backslashAtEndOfLine() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "  DEVICE d1 {", "    filename /x\\")), 3, 16,
                "backslash at the end of a line");
    }

    @Test
    void closingBraceMustStandAlone() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "  DEVICE d1 {", "  filename /x }", "}")), 3, 15,
                "'}' must stand alone");
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "} }")), 2, 1, "'}' must stand alone");
    }

    @Test
    void closingBraceWithoutOpenSection() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "}", "  }")), 3, 3, "without an open section");
    }

    @Test
    void openingBraceNeedsAKeyword() {
        assertError(syntaxError(conf("{", "}")), 1, 1, "'{' needs a keyword");
    }

    @Test
    void nothingMayFollowOpeningBrace() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio { DEVICE d1", "}")), 1, 24, "nothing may follow '{'");
        assertError(syntaxError(conf("HANDLER vdisk_fileio { {", "}", "}")), 1, 24, "nothing may follow '{'");
    }

    @Test
    void unclosedSectionNamesItsOpeningBrace() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "\tDEVICE d1 {", "\t\tfilename /x")), 2, 12,
                "section DEVICE d1 is never closed");
        // The one '}' closes the innermost section, so it is the outer one that stays open.
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "\tDEVICE d1 {", "\t\tfilename /x", "}")), 1, 22,
                "section HANDLER vdisk_fileio is never closed");
    }

    @Test
    void hashGluedToAValueIsRefusedBecauseScstWouldCutTheValue() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "  DEVICE d1 {", "    filename /a/b#c", "  }", "}")),
                3, 18, "'#' directly after a value");
    }

    @Test
    void controlCharacters() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio {", "  DEVICE d1\u0007", "}")), 2, 12,
                "control character 0x7");
    }

    @Test
    void quotedBracesAreValuesNotSections() throws Exception {
        ImportResult r = ScstConfImporter.importConf(conf(
                "HANDLER vdisk_fileio {",
                "  DEVICE d1 {",
                "    filename \"/mnt/{x}.img\"",
                "  }",
                "}"), "test.conf");
        assertEquals("/mnt/{x}.img", r.config().devices().get(0).path());
    }
}
