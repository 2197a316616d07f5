package io.blockhouse.tui.ui;

import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Field checks for the appliance's own settings (addresses, host names, mail). The daemon checks the same again;
 * these catch typos before a round trip. Each returns the problem in words, or null.
 */
public final class HostChecks {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d"
            + "|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    private HostChecks() {
    }

    static boolean isAddress(String v) {
        return IPV4.matcher(v).matches() || (IPV6.matcher(v).matches() && v.length() <= 45);
    }

    public static boolean isHostname(String v) {
        if (v.isEmpty() || v.length() > 253) {
            return false;
        }
        for (String label : v.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An optional IP address. */
    public static String address(String v) {
        return v.isEmpty() || isAddress(v) ? null : "an IPv4 or IPv6 address, e.g. 192.168.1.1";
    }

    /** Addresses separated by commas or spaces (may be empty). */
    public static String addresses(String v) {
        for (String a : v.split("[,\\s]+")) {
            if (!a.isEmpty() && !isAddress(a)) {
                return "\"" + a + "\" is not an IP address";
            }
        }
        return null;
    }

    /** address/prefix entries separated by commas or spaces (may be empty). */
    public static String cidrs(String v) {
        for (String c : v.split("[,\\s]+")) {
            if (c.isEmpty()) {
                continue;
            }
            int slash = c.indexOf('/');
            if (slash < 0 || !isAddress(c.substring(0, slash))) {
                return "\"" + c + "\" is not address/prefix, e.g. 192.168.1.10/24";
            }
            int max = c.contains(":") ? 128 : 32;
            try {
                int p = Integer.parseInt(c.substring(slash + 1));
                if (p < 1 || p > max) {
                    return "\"" + c + "\": the prefix goes from 1 to " + max;
                }
            } catch (NumberFormatException e) {
                return "\"" + c + "\": the prefix is a number";
            }
        }
        return null;
    }

    public static String hostname(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return isHostname(v) ? null : "letters, digits and '-' in dot-separated labels";
    }

    /** Host names or addresses separated by commas or spaces. */
    public static String hosts(String v) {
        for (String h : v.split("[,\\s]+")) {
            if (!h.isEmpty() && !isHostname(h) && !isAddress(h)) {
                return "\"" + h + "\" is not a host name or address";
            }
        }
        return null;
    }

    public static String host(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return isHostname(v) || isAddress(v) ? null : "a host name or address";
    }

    public static String mail(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return MAIL.matcher(v).matches() ? null : "a mail address, e.g. ops@example.com";
    }

    public static String mails(String v) {
        if (v.isBlank()) {
            return "required";
        }
        for (String m : v.split("[,\\s]+")) {
            if (!m.isEmpty() && !MAIL.matcher(m).matches()) {
                return "\"" + m + "\" is not a mail address";
            }
        }
        return null;
    }

    public static String port(String v) {
        try {
            int p = Integer.parseInt(v);
            return p < 1 || p > 65535 ? "1 to 65535" : null;
        } catch (NumberFormatException e) {
            return "a port number, 1 to 65535";
        }
    }

    public static String vlanId(String v) {
        try {
            int id = Integer.parseInt(v);
            return id < 1 || id > 4094 ? "1 to 4094" : null;
        } catch (NumberFormatException e) {
            return "a VLAN id, 1 to 4094";
        }
    }

    public static String timezone(String v) {
        if (v.isEmpty() || v.equals("UTC")) {
            return null;
        }
        return ZoneId.getAvailableZoneIds().contains(v) ? null : "a time zone name, e.g. Europe/Berlin or UTC";
    }
}
