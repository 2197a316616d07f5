package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.HostChecks;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.MultiPick;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * System / Network settings: the live interfaces, and the network section of the configuration (addresses, DHCP,
 * bonds, VLANs, host name, DNS, gateway). Each form reads the settings, changes one part and hands the whole section
 * back to the daemon, which checks it, applies it with ip (on the appliance only) and stores it as a generation.
 */
public final class NetworkScreen {

    private NetworkScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Network settings", "Interfaces, bonds, VLANs, names", m -> {
            m.add(new Menu.Entry("Interfaces now", () -> interfaces(ctx)));
            m.add(new Menu.Entry("Address of an interface (DHCP or static)", () -> address(ctx)));
            m.add(new Menu.Entry("Bond: create", () -> bond(ctx)));
            m.add(new Menu.Entry("VLAN: create", () -> vlan(ctx)));
            m.add(new Menu.Entry("Remove a bond or VLAN", () -> removeLink(ctx)));
            m.add(new Menu.Entry("Host name", () -> hostname(ctx)));
            m.add(new Menu.Entry("DNS servers", () -> dns(ctx)));
            m.add(new Menu.Entry("Gateway (default route)", () -> gateway(ctx)));
            m.add(new Menu.Entry("Networking: apply the settings again", () -> restart(ctx)));
        });
    }

    private static JsonNode read(Context ctx) {
        return ctx.read("Network", api -> api.get("/v1/host/network"));
    }

    /** Hands the edited settings to the daemon; shows the generation or the refusal. */
    private static boolean save(Context ctx, String what, ObjectNode settings) {
        return ctx.change(what, true, api -> api.put("/v1/host/network", settings));
    }

    private static ArrayNode configured(ObjectNode settings) {
        JsonNode list = settings.path("interfaces");
        return list.isArray() ? (ArrayNode) list : settings.putArray("interfaces");
    }

    /** The configured entry of {@code name}, created (as plain Ethernet) when missing. */
    private static ObjectNode entry(ObjectNode settings, String name) {
        for (JsonNode i : configured(settings)) {
            if (i.path("name").asText().equals(name)) {
                return (ObjectNode) i;
            }
        }
        return configured(settings).addObject().put("name", name);
    }

    private static void setAddressing(ObjectNode entry, String mode, String addresses) {
        entry.put("mode", mode);
        entry.remove("addresses");
        if (mode.equals("static")) {
            ArrayNode a = entry.putArray("addresses");
            Lists.split(addresses).forEach(a::add);
        }
    }

    static void interfaces(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        StringBuilder b = new StringBuilder(Text.fit("name", 12) + Text.fit("state", 9) + Text.fit("kind", 9)
                + Text.fit("setting", 9) + "addresses\n");
        for (JsonNode i : n.path("interfaces")) {
            String name = i.path("name").asText();
            String setting = "-";
            for (JsonNode c : n.path("settings").path("interfaces")) {
                if (c.path("name").asText().equals(name)) {
                    setting = c.path("mode").asText("dhcp");
                }
            }
            List<String> addrs = new ArrayList<>();
            i.path("addresses").forEach(a -> addrs.add(a.asText()));
            b.append(Text.fit(name, 12)).append(Text.fit(i.path("state").asText(), 9))
                    .append(Text.fit(i.path("kind").asText(), 9)).append(Text.fit(setting, 9))
                    .append(i.hasNonNull("master") ? "in " + i.path("master").asText() : String.join(" ", addrs))
                    .append('\n');
        }
        JsonNode s = n.path("settings");
        b.append("\nGateway: ").append(n.path("gateway").asText("none")).append("   Host name: ")
                .append(s.path("hostname").asText("(image default)")).append("\nDNS: ")
                .append(s.path("dns").isEmpty() ? "(from DHCP)" : s.path("dns").toString()).append('\n');
        if (!n.path("appliance").asBoolean()) {
            b.append("\nNot the appliance: settings are checked but not applied here.");
        }
        Dialogs.info(ctx.gui(), "Interfaces", b.toString());
    }

    private static List<String> liveNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.path("interfaces").forEach(i -> {
            if (!i.path("name").asText().equals("lo")) {
                out.add(i.path("name").asText());
            }
        });
        return out;
    }

    static void address(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        String name = Dialogs.pick(ctx.gui(), "Address of an interface", "Which interface?", liveNames(n));
        if (name == null) {
            return;
        }
        ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
        ObjectNode e = entry(settings, name);
        List<String> current = new ArrayList<>();
        e.path("addresses").forEach(a -> current.add(a.asText()));
        new Form("Address of " + name).intro("DHCP asks the network; static takes address/prefix entries "
                        + "separated by commas; none brings it up without an address.")
                .choice("mode", "Mode", List.of("dhcp", "static", "none"), e.path("mode").asText("dhcp"))
                .text("addresses", "Addresses", String.join(", ", current), HostChecks::cidrs)
                .show(ctx.gui(), v -> {
                    if (v.text("mode").equals("static") && v.text("addresses") == null) {
                        Dialogs.info(ctx.gui(), "Address of " + name, "Addresses: static needs at least one "
                                + "address/prefix");
                        return false;
                    }
                    setAddressing(e, v.text("mode"), v.text("addresses"));
                    return save(ctx, "Address of " + name, settings);
                });
    }

    static void bond(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        new Form("Create a bond").intro("Pick the members next; they lose their own addresses.")
                .text("name", "Name", "bond0", NetworkScreen::ifname)
                .choice("bondMode", "Bond mode", List.of("active-backup", "802.3ad", "balance-rr", "balance-xor",
                        "broadcast", "balance-tlb", "balance-alb"), "active-backup")
                .choice("mode", "Address", List.of("dhcp", "static"), "dhcp")
                .text("addresses", "Static addresses", null, HostChecks::cidrs)
                .show(ctx.gui(), v -> {
                    List<String> members = MultiPick.show(ctx.gui(), "Members of " + v.text("name"),
                            "Interfaces:", liveNames(n));
                    if (members == null) {
                        return false;
                    }
                    ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
                    ObjectNode b = entry(settings, v.text("name")).put("type", "bond")
                            .put("bondMode", v.text("bondMode"));
                    members.forEach(b.putArray("slaves")::add);
                    setAddressing(b, v.text("mode"), v.text("addresses"));
                    for (String m : members) {
                        setAddressing(entry(settings, m), "none", null);
                    }
                    return save(ctx, "Create bond " + v.text("name"), settings);
                });
    }

    static void vlan(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        String parent = Dialogs.pick(ctx.gui(), "Create a VLAN", "On which interface?", liveNames(n));
        if (parent == null) {
            return;
        }
        new Form("VLAN on " + parent).intro("The VLAN interface is named " + parent + ".<id>.")
                .text("id", "VLAN id", null, HostChecks::vlanId)
                .choice("mode", "Address", List.of("dhcp", "static", "none"), "dhcp")
                .text("addresses", "Static addresses", null, HostChecks::cidrs)
                .show(ctx.gui(), v -> {
                    ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
                    ObjectNode e = entry(settings, parent + "." + v.text("id")).put("type", "vlan")
                            .put("link", parent).put("vlanId", Integer.parseInt(v.text("id")));
                    setAddressing(e, v.text("mode"), v.text("addresses"));
                    return save(ctx, "Create VLAN " + parent + "." + v.text("id"), settings);
                });
    }

    static void removeLink(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        List<String> links = new ArrayList<>();
        n.path("settings").path("interfaces").forEach(i -> {
            if (!i.path("type").asText("ethernet").equals("ethernet")) {
                links.add(i.path("name").asText() + "  (" + i.path("type").asText() + ")");
            }
        });
        String picked = Dialogs.pick(ctx.gui(), "Remove a bond or VLAN", "Which one?", links);
        if (picked == null) {
            return;
        }
        String name = picked.substring(0, picked.indexOf("  ("));
        if (!Dialogs.confirm(ctx.gui(), "Remove " + name, "Remove " + name + "? Its members go back to DHCP.")) {
            return;
        }
        ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
        List<String> members = new ArrayList<>();
        for (Iterator<JsonNode> it = configured(settings).iterator(); it.hasNext(); ) {
            JsonNode i = it.next();
            if (i.path("name").asText().equals(name)) {
                i.path("slaves").forEach(s -> members.add(s.asText()));
                it.remove();
            }
        }
        for (Iterator<JsonNode> it = configured(settings).iterator(); it.hasNext(); ) {
            if (members.contains(it.next().path("name").asText())) {
                it.remove(); // back to the default: DHCP
            }
        }
        save(ctx, "Remove " + name, settings);
    }

    static void hostname(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        new Form("Host name").intro("The appliance's name on the network.")
                .text("hostname", "Host name", n.path("settings").path("hostname").asText(""),
                        HostChecks::hostname)
                .show(ctx.gui(), v -> save(ctx, "Host name", ((ObjectNode) n.path("settings")).deepCopy()
                        .put("hostname", v.text("hostname"))));
    }

    static void dns(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        List<String> now = new ArrayList<>();
        n.path("settings").path("dns").forEach(d -> now.add(d.asText()));
        new Form("DNS servers").intro("Up to three addresses; empty leaves name servers to DHCP.")
                .text("dns", "Name servers", String.join(", ", now), HostChecks::addresses)
                .show(ctx.gui(), v -> {
                    ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
                    ArrayNode a = settings.putArray("dns");
                    Lists.split(v.text("dns")).forEach(a::add);
                    return save(ctx, "DNS servers", settings);
                });
    }

    static void gateway(Context ctx) {
        JsonNode n = read(ctx);
        if (n == null) {
            return;
        }
        new Form("Default gateway").intro("Empty removes the default route (DHCP may set one).")
                .text("gateway", "Gateway", n.path("settings").path("gateway").asText(""), HostChecks::address)
                .show(ctx.gui(), v -> {
                    ObjectNode settings = ((ObjectNode) n.path("settings")).deepCopy();
                    if (v.text("gateway") == null) {
                        settings.remove("gateway");
                    } else {
                        settings.put("gateway", v.text("gateway"));
                    }
                    return save(ctx, "Gateway", settings);
                });
    }

    static void restart(Context ctx) {
        if (Dialogs.confirm(ctx.gui(), "Restart networking", "Apply the stored network settings again? "
                + "Connections over the changed interfaces may drop for a moment.")) {
            ctx.change("Restart networking", true, api -> api.post("/v1/host/network/restart", Lists.object()));
        }
    }

    static String ifname(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return v.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}") ? null : "1 to 15 letters, digits, '_', '.', '-'";
    }
}
