package io.blockhouse.security;

/**
 * Text an initiator or a client chose (names, CHAP user names, key values), made safe to put in a log line: control
 * characters become {@code \xNN}, so a name with a newline cannot forge a second log line, and very long values are
 * cut.
 */
public final class Printable {

    /** Longer values are cut: a log line must not carry an initiator's 64 KiB text segment. */
    static final int MAX = 256;

    private Printable() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX && s.length() > MAX) {
            b.append("...");
        }
        return b.toString();
    }
}
