package io.blockhouse.config;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@link SystemConfig}: every value is checked for form here, before anything touches the host, so a bad
 * address is refused the same way on a development machine as on the appliance. Each problem names its field.
 */
public final class SystemConfigValidator {

    static final Set<String> BOND_MODES = Set.of("active-backup", "balance-rr", "balance-xor", "broadcast", "802.3ad",
            "balance-tlb", "balance-alb");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d"
            + "|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    private static final Pattern SHA512_CRYPT = Pattern.compile("\\$6\\$(rounds=\\d+\\$)?[./0-9A-Za-z]{1,16}"
            + "\\$[./0-9A-Za-z]{86}");

    private final List<String> problems = new ArrayList<>();

    private SystemConfigValidator() {
    }

    /** Every problem of {@code s}, as "system.field: reason". */
    public static List<String> problems(SystemConfig s) {
        SystemConfigValidator v = new SystemConfigValidator();
        if (s.network() != null) {
            v.network(s.network());
        }
        if (s.time() != null) {
            v.time(s.time());
        }
        if (s.mail() != null) {
            v.mail(s.mail());
        }
        if (s.rootPasswordHash() != null && !SHA512_CRYPT.matcher(s.rootPasswordHash()).matches()) {
            v.problem("system.rootPasswordHash", "not a SHA-512 crypt hash ($6$salt$...)");
        }
        return v.problems;
    }

    private void problem(String path, String reason) {
        problems.add(path + ": " + reason);
    }

    /** A host name: dot-separated labels of letters, digits and '-', at most 253 characters. */
    public static boolean isHostname(String h) {
        if (h == null || h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 or IPv6 address literal (no name lookup). */
    public static boolean isAddress(String a) {
        if (a == null) {
            return false;
        }
        if (IPV4.matcher(a).matches()) {
            return true;
        }
        if (!a.contains(":") || !a.matches("[0-9A-Fa-f:.]+") || a.length() > 45) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(a) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** "address/prefix" with a prefix that fits the address family. */
    public static String cidrProblem(String c) {
        int slash = c == null ? -1 : c.indexOf('/');
        if (slash < 0) {
            return "expected address/prefix, e.g. 192.168.1.10/24";
        }
        String address = c.substring(0, slash);
        if (!isAddress(address)) {
            return "\"" + address + "\" is not an IPv4 or IPv6 address";
        }
        int max = address.contains(":") ? 128 : 32;
        try {
            int prefix = Integer.parseInt(c.substring(slash + 1));
            return prefix < 1 || prefix > max ? "prefix must be 1.." + max : null;
        } catch (NumberFormatException e) {
            return "prefix must be a number 1.." + max;
        }
    }

    private void network(NetworkConfig n) {
        if (n.hostname() != null && !isHostname(n.hostname())) {
            problem("system.network.hostname", "letters, digits and '-' in dot-separated labels, got \""
                    + n.hostname() + "\"");
        }
        for (int i = 0; i < n.dns().size(); i++) {
            if (!isAddress(n.dns().get(i))) {
                problem("system.network.dns[" + i + "]", "not an IP address: \"" + n.dns().get(i) + "\"");
            }
        }
        if (n.dns().size() > 3) {
            problem("system.network.dns", "at most 3 name servers (resolv.conf uses no more)");
        }
        if (n.gateway() != null && !isAddress(n.gateway())) {
            problem("system.network.gateway", "not an IP address: \"" + n.gateway() + "\"");
        }
        Set<String> names = new HashSet<>();
        Map<String, String> bondOf = new HashMap<>();
        for (InterfaceConfig f : n.interfaces()) {
            if (f.typeOrDefault().equals("bond")) {
                for (String slave : f.slaves()) {
                    String other = bondOf.put(slave, f.name());
                    if (other != null) {
                        problem("system.network.interfaces", slave + " is a member of both " + other + " and "
                                + f.name());
                    }
                }
            }
        }
        for (int i = 0; i < n.interfaces().size(); i++) {
            InterfaceConfig f = n.interfaces().get(i);
            String at = "system.network.interfaces[" + i + "]";
            if (f.name() == null || !IFNAME.matcher(f.name()).matches()) {
                problem(at + ".name", "1 to 15 letters, digits, '_', '.', '-', got \"" + f.name() + "\"");
            } else if (!names.add(f.name())) {
                problem(at + ".name", "duplicate interface " + f.name());
            }
            interfaceSettings(at, f, bondOf);
        }
    }

    private void interfaceSettings(String at, InterfaceConfig f, Map<String, String> bondOf) {
        String mode = f.modeOrDefault();
        switch (mode) {
            case "static" -> {
                if (f.addresses().isEmpty()) {
                    problem(at + ".addresses", "static needs at least one address/prefix");
                }
            }
            case "dhcp", "none" -> {
                if (!f.addresses().isEmpty()) {
                    problem(at + ".addresses", "only a static interface has addresses");
                }
            }
            default -> problem(at + ".mode", "\"" + mode + "\" is not one of dhcp, static, none");
        }
        for (int a = 0; a < f.addresses().size(); a++) {
            String p = cidrProblem(f.addresses().get(a));
            if (p != null) {
                problem(at + ".addresses[" + a + "]", p);
            }
        }
        if (bondOf.containsKey(f.name()) && !mode.equals("none")) {
            problem(at + ".mode", f.name() + " is a member of " + bondOf.get(f.name()) + ": its mode must be none");
        }
        switch (f.typeOrDefault()) {
            case "ethernet" -> {
                if (!f.slaves().isEmpty() || f.link() != null || f.vlanId() != null || f.bondMode() != null) {
                    problem(at, "slaves, bondMode, link and vlanId belong to bonds and VLANs only");
                }
            }
            case "bond" -> {
                if (f.slaves().isEmpty()) {
                    problem(at + ".slaves", "a bond needs at least one member interface");
                }
                if (!BOND_MODES.contains(f.bondModeOrDefault())) {
                    problem(at + ".bondMode", "\"" + f.bondMode() + "\" is not one of " + new java.util.TreeSet<>(
                            BOND_MODES));
                }
                for (String s : f.slaves()) {
                    if (s == null || !IFNAME.matcher(s).matches() || s.equals(f.name())) {
                        problem(at + ".slaves", "\"" + s + "\" is not a member interface name");
                    }
                }
            }
            case "vlan" -> {
                if (f.link() == null || !IFNAME.matcher(f.link()).matches() || f.link().equals(f.name())) {
                    problem(at + ".link", "a VLAN needs its parent interface, got \"" + f.link() + "\"");
                }
                if (f.vlanId() == null || f.vlanId() < 1 || f.vlanId() > 4094) {
                    problem(at + ".vlanId", "1..4094, got " + f.vlanId());
                }
            }
            default -> problem(at + ".type", "\"" + f.type() + "\" is not one of ethernet, bond, vlan");
        }
    }

    private void time(TimeConfig t) {
        if (t.timezone() != null && !t.timezone().equals("UTC") && !ZoneId.getAvailableZoneIds().contains(
                t.timezone())) {
            problem("system.time.timezone", "\"" + t.timezone() + "\" is not a time zone name (e.g. Europe/Berlin)");
        }
        for (int i = 0; i < t.ntpServers().size(); i++) {
            String s = t.ntpServers().get(i);
            if (!isHostname(s) && !isAddress(s)) {
                problem("system.time.ntpServers[" + i + "]", "not a host name or address: \"" + s + "\"");
            }
        }
    }

    private void mail(MailConfig m) {
        if (!isHostname(m.relayHost()) && !isAddress(m.relayHost())) {
            problem("system.mail.relayHost", "a host name or address is required, got \"" + m.relayHost() + "\"");
        }
        if (m.relayPortOrDefault() < 1 || m.relayPortOrDefault() > 65535) {
            problem("system.mail.relayPort", "1..65535, got " + m.relayPort());
        }
        if (m.from() == null || !MAIL.matcher(m.from()).matches()) {
            problem("system.mail.from", "a mail address is required, got \"" + m.from() + "\"");
        }
        if (m.to().isEmpty()) {
            problem("system.mail.to", "at least one recipient");
        }
        for (int i = 0; i < m.to().size(); i++) {
            if (m.to().get(i) == null || !MAIL.matcher(m.to().get(i)).matches()) {
                problem("system.mail.to[" + i + "]", "not a mail address: \"" + m.to().get(i) + "\"");
            }
        }
    }
}
