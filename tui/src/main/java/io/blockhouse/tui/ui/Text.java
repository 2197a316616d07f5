package io.blockhouse.tui.ui;

import java.util.Locale;

/** Text helpers: wrapping for dialogs, human sizes, padding for fixed-width columns. */
public final class Text {

    private Text() {
    }

    /** Wraps each paragraph of {@code text} at {@code width} columns (words longer than that are cut). */
    public static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String para : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int col = 0;
            for (String word : para.split(" ")) {
                while (word.length() > width) {
                    if (col > 0) {
                        out.append('\n');
                        col = 0;
                    }
                    out.append(word, 0, width).append('\n');
                    word = word.substring(width);
                }
                if (col > 0 && col + 1 + word.length() > width) {
                    out.append('\n');
                    col = 0;
                } else if (col > 0) {
                    out.append(' ');
                    col++;
                }
                out.append(word);
                col += word.length();
            }
        }
        return out.toString();
    }

    /** 1536 -> "1.5K", 536870912 -> "512M" (binary units, as the configuration writes sizes). */
    public static String size(long bytes) {
        String[] units = {"", "K", "M", "G", "T", "P"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
    }

    /** {@code s} cut or padded to exactly {@code width} columns. */
    public static String fit(String s, int width) {
        if (s == null) {
            s = "";
        }
        if (s.length() > width) {
            return width <= 1 ? s.substring(0, width) : s.substring(0, width - 1) + "~";
        }
        return s + " ".repeat(width - s.length());
    }
}
