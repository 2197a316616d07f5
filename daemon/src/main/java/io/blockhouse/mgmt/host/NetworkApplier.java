package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.InterfaceConfig;
import io.blockhouse.config.NetworkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the host's networking to a {@link NetworkConfig} with {@code ip}: bonds and VLANs created or deleted,
 * addresses replaced, the default route set, DHCP started (busybox udhcpc); writes /etc/hostname, /etc/resolv.conf
 * and /etc/blockhouse/network.conf, which the appliance's boot script (blockhouse-net) replays before the daemon
 * starts. With a network namespace every {@code ip} command runs inside it ({@code ip -n NS}) and the DHCP client
 * and {@code hostname} are not run: that is how the tests exercise the real commands without touching the host.
 */
final class NetworkApplier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String netns;
    private final Path etc;

    /**
     * @param netns a network namespace to work in, or null for the host's own
     * @param etc   the directory holding hostname, resolv.conf and blockhouse/network.conf ("/etc" on the appliance)
     */
    NetworkApplier(String netns, Path etc) {
        this.netns = netns;
        this.etc = etc;
    }

    static NetworkApplier forHost() {
        return new NetworkApplier(null, Path.of("/etc"));
    }

    /** Interfaces as {@code ip -j addr} reports them: name, state, mac, kind (bond, vlan...), master, addresses. */
    ArrayNode interfaces() throws HostException {
        JsonNode links = json(ip("-d", "-j", "link", "show"));
        JsonNode addrs = json(ip("-j", "addr", "show"));
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode l : links) {
            String name = l.path("ifname").asText();
            ObjectNode n = out.addObject();
            n.put("name", name);
            n.put("state", l.path("operstate").asText());
            n.put("mac", l.path("address").asText(""));
            n.put("mtu", l.path("mtu").asInt());
            n.put("kind", l.path("linkinfo").path("info_kind").asText(l.path("link_type").asText()));
            n.put("master", l.path("master").asText(null));
            ArrayNode a = n.putArray("addresses");
            for (JsonNode x : addrs) {
                if (x.path("ifname").asText().equals(name)) {
                    for (JsonNode ai : x.path("addr_info")) {
                        if (!ai.path("scope").asText().equals("link")) {
                            a.add(ai.path("local").asText() + "/" + ai.path("prefixlen").asInt());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The default gateway now in the routing table, or null. */
    String defaultGateway() throws HostException {
        for (JsonNode r : json(ip("-j", "route", "show", "default"))) {
            if (r.hasNonNull("gateway")) {
                return r.path("gateway").asText();
            }
        }
        return null;
    }

    /** Moves the host from {@code before} to {@code after} (both already validated). */
    void apply(NetworkConfig before, NetworkConfig after) throws HostException {
        Set<String> existing = new HashSet<>();
        for (JsonNode i : interfaces()) {
            existing.add(i.path("name").asText());
        }
        Set<String> wanted = new HashSet<>();
        after.interfaces().forEach(i -> wanted.add(i.name()));
        // Everything an interface needs must exist (or be made by this change) before anything is touched.
        for (InterfaceConfig f : after.interfaces()) {
            List<String> needed = new ArrayList<>(f.slaves());
            if (f.typeOrDefault().equals("ethernet")) {
                needed.add(f.name());
            }
            if (f.link() != null) {
                needed.add(f.link());
            }
            for (String n : needed) {
                boolean made = after.interfaces().stream().anyMatch(o -> o.name().equals(n)
                        && !o.typeOrDefault().equals("ethernet"));
                if (!existing.contains(n) && !made) {
                    throw HostException.invalid("no_such_interface", "interfaces: " + n + " does not exist on "
                            + "this host");
                }
            }
        }
        for (InterfaceConfig old : before.interfaces()) {
            if (!old.typeOrDefault().equals("ethernet") && !wanted.contains(old.name())
                    && existing.contains(old.name())) {
                ip("link", "del", old.name());
            }
        }
        // Bonds first: a VLAN may sit on one.
        for (InterfaceConfig f : after.interfaces()) {
            if (f.typeOrDefault().equals("bond")) {
                if (!existing.contains(f.name())) {
                    ip("link", "add", f.name(), "type", "bond", "mode", f.bondModeOrDefault());
                }
                for (String slave : f.slaves()) {
                    ip("link", "set", slave, "down");
                    ip("link", "set", slave, "master", f.name());
                }
            }
        }
        for (InterfaceConfig f : after.interfaces()) {
            if (f.typeOrDefault().equals("vlan") && !existing.contains(f.name())) {
                ip("link", "add", "link", f.link(), "name", f.name(), "type", "vlan", "id", f.vlanId().toString());
            }
        }
        for (InterfaceConfig f : after.interfaces()) {
            ip("link", "set", f.name(), "up");
            ip("addr", "flush", "dev", f.name(), "scope", "global");
            switch (f.modeOrDefault()) {
                case "static" -> {
                    for (String a : f.addresses()) {
                        ip("addr", "add", a, "dev", f.name());
                    }
                }
                case "dhcp" -> dhcp(f.name());
                default -> {
                }
            }
        }
        for (InterfaceConfig old : before.interfaces()) {
            if (old.typeOrDefault().equals("ethernet") && !wanted.contains(old.name())
                    && existing.contains(old.name())) {
                // No longer configured: back to the appliance's default, DHCP.
                ip("addr", "flush", "dev", old.name(), "scope", "global");
                dhcp(old.name());
            }
        }
        if (after.gateway() != null) {
            ip("route", "replace", "default", "via", after.gateway());
        } else if (before.gateway() != null) {
            Commands.exec(30, ipCommand("route", "del", "default", "via", before.gateway()));
        }
        writeFiles(after);
    }

    private void dhcp(String iface) throws HostException {
        if (netns != null) {
            return; // tests: no DHCP server in the namespace; the addresses were flushed, the mode is recorded
        }
        Commands.exec(10, List.of("sh", "-c", "kill $(cat /run/udhcpc." + iface + ".pid) 2>/dev/null; true"));
        Commands.run(60, List.of("udhcpc", "-b", "-S", "-t", "5", "-T", "2", "-i", iface, "-s",
                "/usr/share/udhcpc/default.script", "-p", "/run/udhcpc." + iface + ".pid"));
    }

    /** hostname, resolv.conf and the boot script's network.conf, each replaced atomically. */
    void writeFiles(NetworkConfig n) throws HostException {
        if (n.hostname() != null) {
            write(etc.resolve("hostname"), n.hostname() + "\n");
            if (netns == null) {
                Commands.run(10, List.of("hostname", n.hostname()));
            }
        }
        if (!n.dns().isEmpty()) {
            StringBuilder b = new StringBuilder("# written by the Blockhouse daemon\n");
            n.dns().forEach(d -> b.append("nameserver ").append(d).append('\n'));
            write(etc.resolve("resolv.conf"), b.toString());
        }
        write(etc.resolve("blockhouse/network.conf"), networkConf(n));
    }

    /**
     * The boot script's format, one directive a line, in the order they must run: hostname, dns, bonds (whose
     * members come up with them), VLANs, interface addresses, the default gateway.
     */
    static String networkConf(NetworkConfig n) {
        StringBuilder b = new StringBuilder("# written by the Blockhouse daemon from the configuration model\n");
        if (n.hostname() != null) {
            b.append("hostname ").append(n.hostname()).append('\n');
        }
        if (!n.dns().isEmpty()) {
            b.append("dns ").append(String.join(" ", n.dns())).append('\n');
        }
        for (InterfaceConfig f : n.interfaces()) {
            if (f.typeOrDefault().equals("bond")) {
                b.append("bond ").append(f.name()).append(' ').append(f.bondModeOrDefault()).append(' ')
                        .append(String.join(" ", f.slaves())).append('\n');
            }
        }
        for (InterfaceConfig f : n.interfaces()) {
            if (f.typeOrDefault().equals("vlan")) {
                b.append("vlan ").append(f.name()).append(' ').append(f.link()).append(' ').append(f.vlanId())
                        .append('\n');
            }
        }
        for (InterfaceConfig f : n.interfaces()) {
            switch (f.modeOrDefault()) {
                case "static" -> f.addresses().forEach(a -> b.append(f.name()).append(" static ").append(a)
                        .append('\n'));
                case "dhcp" -> b.append(f.name()).append(" dhcp\n");
                default -> b.append(f.name()).append(" none\n");
            }
        }
        if (n.gateway() != null) {
            b.append("gateway ").append(n.gateway()).append('\n');
        }
        return b.toString();
    }

    private static void write(Path file, String text) throws HostException {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException(500, "cannot_write", file + ": " + e.getMessage());
        }
    }

    private List<String> ipCommand(String... args) {
        List<String> c = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            c.add("-n");
            c.add(netns);
        }
        c.addAll(List.of(args));
        return c;
    }

    private String ip(String... args) throws HostException {
        List<String> c = ipCommand(args);
        Commands.Result r = Commands.exec(30, c);
        if (r.exitCode() != 0) {
            String out = r.output().strip();
            if (out.contains("Unknown device type")) {
                throw new HostException(501, "kernel_unsupported", String.join(" ", c) + ": the kernel has no "
                        + "driver for this link type (" + out + ")");
            }
            throw new HostException(500, "command_failed", String.join(" ", c) + " failed (exit " + r.exitCode()
                    + "): " + out);
        }
        return r.output();
    }

    private static JsonNode json(String text) throws HostException {
        try {
            return JSON.readTree(text.isBlank() ? "[]" : text);
        } catch (IOException e) {
            throw new HostException(500, "command_failed", "ip printed something that is not JSON: "
                    + e.getMessage());
        }
    }
}
