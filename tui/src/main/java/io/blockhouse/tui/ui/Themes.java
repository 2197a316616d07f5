package io.blockhouse.tui.ui;

import com.googlecode.lanterna.bundle.LanternaThemes;
import com.googlecode.lanterna.graphics.PropertyTheme;
import com.googlecode.lanterna.graphics.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The colour themes the console offers (Lanterna's bundled ones) and their plain-ASCII variants for terminals that
 * cannot draw line characters (a serial console with TERM=vt100, a non-UTF-8 locale): every border, arrow and
 * scroll-bar character of the theme is replaced by '+', '-', '|', '#' and the like.
 */
public final class Themes {

    /** Theme names offered in Interface > Colour theme, the first being the default. */
    public static final List<String> NAMES = List.of("default", "defrost", "businessmachine", "conqueror",
            "bigsnake", "blaster");

    private Themes() {
    }

    public static Theme get(String name, boolean ascii) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no theme named \"" + name + "\" (themes: " + NAMES + ")");
        }
        if (!ascii) {
            return LanternaThemes.getRegisteredTheme(name);
        }
        Properties props = new Properties();
        try (InputStream in = Themes.class.getClassLoader().getResourceAsStream(name + "-theme.properties")) {
            if (in == null) {
                throw new IllegalStateException("theme resource " + name + "-theme.properties is missing");
            }
            props.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read theme " + name, e);
        }
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            if (key.contains(".char[") && !value.isEmpty() && value.charAt(0) > 0x7e) {
                props.setProperty(key, String.valueOf(asciiFor(key)));
            }
        }
        // Themes that leave line characters to Lanterna's built-in (Unicode) defaults get them set here.
        for (String owner : List.of("com.googlecode.lanterna.gui2.DefaultWindowDecorationRenderer",
                "com.googlecode.lanterna.gui2.Borders$SingleLine", "com.googlecode.lanterna.gui2.Borders$DoubleLine")) {
            for (String part : List.of("HORIZONTAL_LINE", "VERTICAL_LINE", "BOTTOM_LEFT_CORNER", "TOP_LEFT_CORNER",
                    "BOTTOM_RIGHT_CORNER", "TOP_RIGHT_CORNER", "TITLE_LEFT", "TITLE_RIGHT", "TITLE_SEPARATOR_LEFT",
                    "TITLE_SEPARATOR_RIGHT")) {
                String key = owner + ".char[" + part + "]";
                props.setProperty(key, String.valueOf(asciiFor(key)));
            }
        }
        // The combo box's drop-down marks are not in the bundled themes; without these it draws Unicode triangles.
        props.setProperty("com.googlecode.lanterna.gui2.ComboBox.char[POPUP]", "v");
        props.setProperty("com.googlecode.lanterna.gui2.ComboBox.char[POPUP_SEPARATOR]", "|");
        return new PropertyTheme(props);
    }

    /** The ASCII stand-in for the character a theme key names, e.g. "...char[TOP_LEFT_CORNER]" -> '+'. */
    static char asciiFor(String key) {
        String what = key.substring(key.indexOf(".char[") + 6).toUpperCase(Locale.ROOT);
        if (what.contains("CORNER") || what.contains("JUNCTION") || what.contains("CROSS")) {
            return '+';
        }
        if (what.contains("UP_ARROW")) {
            return '^';
        }
        if (what.contains("DOWN_ARROW")) {
            return 'v';
        }
        if (what.contains("LEFT_ARROW")) {
            return '<';
        }
        if (what.contains("RIGHT_ARROW")) {
            return '>';
        }
        if (what.contains("TRACKER")) {
            return '#';
        }
        if (what.contains("BACKGROUND")) {
            return ':';
        }
        if (what.contains("VERTICAL")) {
            return '|';
        }
        if (what.contains("HORIZONTAL") || what.contains("TITLE") || what.contains("SEPARATOR")) {
            return '-';
        }
        return '*';
    }

    /**
     * Whether this terminal should get ASCII borders: asked for, or a terminal type known to lack line drawing in
     * Unicode, or a locale that is not UTF-8.
     */
    public static boolean asciiWanted(boolean forced, String term, String locale) {
        if (forced) {
            return true;
        }
        String t = term == null ? "" : term.toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("dumb") || t.startsWith("vt1") || t.startsWith("vt2") || t.equals("ansi")) {
            return true;
        }
        String l = locale == null ? "" : locale.toUpperCase(Locale.ROOT);
        return !(l.contains("UTF-8") || l.contains("UTF8"));
    }
}
