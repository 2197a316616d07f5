package io.blockhouse.tui.ui;

import java.util.regex.Pattern;

/** Field checks shared by the forms. Each returns the problem in words, or null when the value is fine. */
public final class Checks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SIZE = Pattern.compile("(?i)\\d+[KMGT]?");
    private static final Pattern IQN = Pattern.compile("(?i)(iqn\\.\\d{4}-\\d{2}\\.[a-z0-9.-]+(:.+)?|eui\\.[0-9a-f]{16}"
            + "|naa\\.[0-9a-f]{16}([0-9a-f]{16})?)");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

    private Checks() {
    }

    public static String required(String v) {
        return v.isEmpty() ? "required" : null;
    }

    public static String name(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return NAME.matcher(v).matches() ? null
                : "letters, digits, '.', '_' and '-' only, starting with a letter or digit, at most 64";
    }

    public static String size(String v) {
        return v.isEmpty() || SIZE.matcher(v).matches() ? null : "a size in bytes or with K, M, G, T (e.g. 512M)";
    }

    public static String requiredSize(String v) {
        return v.isEmpty() ? "required (e.g. 512M)" : size(v);
    }

    public static String iscsiName(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return IQN.matcher(v).matches() ? null : "an iSCSI name: iqn.YYYY-MM.reversed.domain[:id], eui.<16 hex> or naa.";
    }

    public static String number(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        try {
            return Integer.parseInt(v) < 0 ? "must not be negative" : null;
        } catch (NumberFormatException e) {
            return "a whole number";
        }
    }

    public static String lun(String v) {
        String p = number(v);
        return p != null ? p : Integer.parseInt(v) > 16383 ? "LUN numbers go from 0 to 16383" : null;
    }

    public static String portals(String v) {
        for (String p : v.split("[,\\s]+")) {
            if (!p.isEmpty() && !HOST_PORT.matcher(p).matches()) {
                return "\"" + p + "\" is not host[:port]";
            }
        }
        return null;
    }

    /** CHAP secrets: RFC 7143 asks for at least 96 bits; the daemon takes 12..255 characters. */
    public static String chapSecret(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return v.length() < 12 || v.length() > 255 ? "12 to 255 characters" : null;
    }

    public static String optionalChapSecret(String v) {
        return v.isEmpty() ? null : chapSecret(v);
    }

    public static String absolutePath(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return v.startsWith("/") ? null : "an absolute path, e.g. /mnt/vdisks/fs1/disk1.img";
    }
}
