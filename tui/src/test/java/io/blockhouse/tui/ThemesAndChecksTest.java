package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.gui2.Borders;
import com.googlecode.lanterna.gui2.DefaultWindowDecorationRenderer;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Themes;
import org.junit.jupiter.api.Test;

class ThemesAndChecksTest {

    @Test
    void asciiThemesDrawBordersWithAsciiOnly() {
        for (String name : Themes.NAMES) {
            var theme = Themes.get(name, true);
            var deco = theme.getDefinition(DefaultWindowDecorationRenderer.class);
            assertEquals('+', deco.getCharacter("TOP_LEFT_CORNER", '?'), name);
            assertEquals('-', deco.getCharacter("HORIZONTAL_LINE", '?'), name);
            assertEquals('|', deco.getCharacter("VERTICAL_LINE", '?'), name);
            var single = theme.getDefinition(Borders.class.getDeclaredClasses()[0]);
            assertNotNull(single);
        }
    }

    @Test
    void asciiIsChosenForSerialTerminalsAndNonUtf8Locales() {
        assertTrue(Themes.asciiWanted(false, "vt100", "en_US.UTF-8"));
        assertTrue(Themes.asciiWanted(false, "linux", "C"));
        assertTrue(Themes.asciiWanted(true, "xterm", "en_US.UTF-8"));
        assertFalse(Themes.asciiWanted(false, "tmux-256color", "C.UTF-8"));
    }

    @Test
    void fieldChecksSayWhatIsWrong() {
        assertNull(Checks.iscsiName("iqn.2026-11.io.blockhouse:t1"));
        assertNotNull(Checks.iscsiName("target1"));
        assertNull(Checks.size("512M"));
        assertNotNull(Checks.size("512 megs"));
        assertNotNull(Checks.requiredSize(""));
        assertNotNull(Checks.chapSecret("short"));
        assertNull(Checks.chapSecret("twelve-chars"));
        assertNotNull(Checks.lun("16384"));
        assertNull(Checks.portals("10.0.0.1:3260, [::1]:3260 host"));
        assertNotNull(Checks.portals("10.0.0.1:port"));
        assertNotNull(Checks.name("-bad"));
    }
}
