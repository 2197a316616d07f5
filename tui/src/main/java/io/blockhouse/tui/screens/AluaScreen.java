package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.MultiPick;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * ALUA groups: the target port groups of the daemon (SPC-4 asymmetric logical unit access), their access states,
 * the target ports they hold, and whether initiators may change states themselves (explicit ALUA).
 */
public final class AluaScreen {

    /** The access states in the order the daemon documents them. */
    static final List<String> STATES = List.of("active/optimized", "active/non-optimized", "standby",
            "unavailable", "transitioning");
    static final String NO_PORTS = "(no target yet)";
    static final String WHOLE_TARGET = "The whole target";
    static final String SOME_PORTALS = "Only some of its portals";

    private AluaScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("ALUA groups", "Target port groups and their access states", m -> {
            m.add(new Menu.Entry("Groups and their ports", () -> list(ctx)));
            m.add(new Menu.Entry("Add a port group", () -> add(ctx)));
            m.add(new Menu.Entry("State and preference of a group", () -> change(ctx)));
            m.add(new Menu.Entry("Ports of a group", () -> ports(ctx)));
            m.add(new Menu.Entry("Explicit ALUA on/off", () -> explicit(ctx)));
            m.add(new Menu.Entry("Remove a port group", () -> remove(ctx)));
        });
    }

    static void list(Context ctx) {
        JsonNode alua = ctx.read("ALUA groups", api -> api.get("/v1/alua"));
        if (alua != null) {
            Dialogs.info(ctx.gui(), "ALUA groups", describe(alua));
        }
    }

    /** The groups in force (state, why, each target port) and configured groups that hold no port yet. */
    static String describe(JsonNode alua) {
        StringBuilder b = new StringBuilder("Explicit ALUA (SET TARGET PORT GROUPS): "
                + (alua.path("explicit").asBoolean() ? "on" : "off") + "\n");
        List<Integer> live = new ArrayList<>();
        for (JsonNode g : alua.path("live")) {
            live.add(g.path("id").asInt());
            b.append('\n').append(header(g)).append("  (").append(g.path("status").asText()).append(")\n");
            for (JsonNode p : g.path("ports")) {
                List<String> portals = new ArrayList<>();
                p.path("portals").forEach(x -> portals.add(x.asText()));
                b.append("  port ").append(Text.fit(p.path("relativeTargetPortId").asText(), 4))
                        .append(p.path("targetPort").asText()).append('\n');
                if (!portals.isEmpty()) {
                    b.append("       on ").append(String.join(", ", portals)).append('\n');
                }
            }
        }
        for (JsonNode g : alua.path("portGroups")) {
            if (!live.contains(g.path("id").asInt())) {
                b.append('\n').append(header(g)).append("  (no target port)\n");
            }
        }
        return b.toString();
    }

    private static String header(JsonNode g) {
        return "Group " + g.path("id").asText() + " " + g.path("name").asText() + ": "
                + g.path("state").asText(STATES.get(0)) + (g.path("preferred").asBoolean(false) ? ", preferred" : "");
    }

    /** The configured groups as "id name (state)" choices. */
    private static List<String> groupChoices(JsonNode groups) {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.path("id").asText() + " " + g.path("name").asText() + " ("
                + g.path("state").asText(STATES.get(0)) + ")"));
        return out;
    }

    /** A configured group picked by the operator; null when cancelled. */
    private static JsonNode pickGroup(Context ctx, String title) {
        JsonNode groups = ctx.read(title, api -> api.get("/v1/alua/portgroups"));
        if (groups == null) {
            return null;
        }
        String picked = Dialogs.pick(ctx.gui(), title, "Which port group?", groupChoices(groups));
        if (picked == null) {
            return null;
        }
        String id = picked.substring(0, picked.indexOf(' '));
        for (JsonNode g : groups) {
            if (g.path("id").asText().equals(id)) {
                return g;
            }
        }
        return null;
    }

    /**
     * Ports for a group, chosen by the operator: a target, then the whole target or some of its listed portals.
     * Returns an empty array for "no target yet", null when cancelled.
     */
    static ArrayNode choosePorts(Context ctx, String title) {
        List<String> targets = Lists.targetNames(ctx);
        targets.add(NO_PORTS);
        String iqn = Dialogs.pick(ctx.gui(), title, "Which target's ports join the group?", targets);
        if (iqn == null) {
            return null;
        }
        ArrayNode ports = Lists.object().arrayNode();
        if (iqn.equals(NO_PORTS)) {
            return ports;
        }
        JsonNode t = Lists.target(ctx, iqn);
        if (t == null) {
            return null;
        }
        ObjectNode member = ports.addObject().put("target", iqn);
        List<String> portals = new ArrayList<>();
        t.path("portals").forEach(p -> portals.add(p.asText()));
        if (portals.size() < 2) {
            // One portal or the listen addresses by default: a group can only take the target as a whole.
            return ports;
        }
        String how = Dialogs.pick(ctx.gui(), title, "Which portals of " + iqn + "? Portals a group names form a "
                + "target port of their own.", List.of(WHOLE_TARGET, SOME_PORTALS));
        if (how == null) {
            return null;
        }
        if (how.equals(SOME_PORTALS)) {
            List<String> picked = MultiPick.show(ctx.gui(), title, "Portals of " + iqn + ":", portals);
            if (picked == null) {
                return null;
            }
            ArrayNode list = member.putArray("portals");
            picked.forEach(list::add);
        }
        return ports;
    }

    private static String describePorts(ArrayNode ports) {
        if (ports.isEmpty()) {
            return "no target port yet";
        }
        JsonNode m = ports.get(0);
        if (!m.has("portals")) {
            return m.path("target").asText() + " (whole target)";
        }
        List<String> portals = new ArrayList<>();
        m.path("portals").forEach(p -> portals.add(p.asText()));
        return m.path("target").asText() + " on " + String.join(", ", portals);
    }

    static void add(Context ctx) {
        JsonNode existing = ctx.read("Add a port group", api -> api.get("/v1/alua/portgroups"));
        if (existing == null) {
            return;
        }
        ArrayNode ports = choosePorts(ctx, "Add a port group");
        if (ports == null) {
            return;
        }
        new Form("Add a port group").intro("Ports: " + describePorts(ports) + ". Standby, unavailable and "
                        + "transitioning ports refuse media access; the preferred flag is a hint to multipath.")
                .text("id", "Id (1..65535)", String.valueOf(nextId(existing)), v -> groupId(v, existing))
                .text("name", "Name", null, v -> groupName(v, existing))
                .choice("state", "Access state", STATES, STATES.get(0))
                .flag("preferred", "Preferred", false)
                .show(ctx.gui(), v -> {
                    ObjectNode g = Lists.object().put("id", Integer.parseInt(v.text("id")))
                            .put("name", v.text("name")).put("state", v.text("state"))
                            .put("preferred", v.flag("preferred"));
                    g.set("ports", ports);
                    return ctx.change("Add port group " + v.text("name"), true,
                            api -> api.post("/v1/alua/portgroups", g));
                });
    }

    /** The lowest unused id, offered as the form's default. */
    private static int nextId(JsonNode groups) {
        int id = 1;
        while (taken(groups, "id", String.valueOf(id))) {
            id++;
        }
        return id;
    }

    private static boolean taken(JsonNode groups, String field, String value) {
        for (JsonNode g : groups) {
            if (g.path(field).asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    static String groupId(String v, JsonNode existing) {
        String p = Checks.number(v);
        if (p != null) {
            return p;
        }
        int id = Integer.parseInt(v);
        if (id < 1 || id > 65535) {
            return "1 to 65535";
        }
        return taken(existing, "id", String.valueOf(id)) ? "port group " + id + " exists" : null;
    }

    static String groupName(String v, JsonNode existing) {
        String p = Checks.name(v);
        if (p != null) {
            return p;
        }
        return taken(existing, "name", v) ? "a port group named " + v + " exists" : null;
    }

    static void change(Context ctx) {
        JsonNode g = pickGroup(ctx, "State and preference");
        if (g == null) {
            return;
        }
        String which = g.path("id").asText();
        new Form("Port group " + which + " " + g.path("name").asText())
                .intro("A new state reaches every session as ASYMMETRIC ACCESS STATE CHANGED; no session ends.")
                .choice("state", "Access state", STATES, g.path("state").asText(STATES.get(0)))
                .flag("preferred", "Preferred", g.path("preferred").asBoolean(false))
                .show(ctx.gui(), v -> {
                    ObjectNode patch = Lists.object().put("state", v.text("state"))
                            .put("preferred", v.flag("preferred"));
                    return ctx.change("Port group " + which, true,
                            api -> api.call("PATCH", "/v1/alua/portgroups/" + Paths.enc(which), patch));
                });
    }

    static void ports(Context ctx) {
        JsonNode g = pickGroup(ctx, "Ports of a group");
        if (g == null) {
            return;
        }
        String which = g.path("id").asText();
        ArrayNode ports = choosePorts(ctx, "Ports of group " + which);
        if (ports != null && Dialogs.confirm(ctx.gui(), "Ports of group " + which, "Replace the ports of group "
                + which + " with: " + describePorts(ports) + "? Sessions on a portal that changes target port end "
                + "and log in again.")) {
            ObjectNode patch = Lists.object();
            patch.set("ports", ports);
            ctx.change("Ports of group " + which, true,
                    api -> api.call("PATCH", "/v1/alua/portgroups/" + Paths.enc(which), patch));
        }
    }

    static void explicit(Context ctx) {
        JsonNode alua = ctx.read("Explicit ALUA", api -> api.get("/v1/alua"));
        if (alua == null) {
            return;
        }
        boolean on = alua.path("explicit").asBoolean();
        String question = on
                ? "Explicit ALUA is on: initiators may change states with SET TARGET PORT GROUPS. Turn it off?"
                : "Explicit ALUA is off. Turn it on, so that initiators may change states with SET TARGET PORT "
                + "GROUPS? Every session sees INQUIRY DATA HAS CHANGED.";
        if (Dialogs.confirm(ctx.gui(), "Explicit ALUA", question)) {
            ctx.change("Explicit ALUA " + (on ? "off" : "on"), true,
                    api -> api.put("/v1/alua/explicit", Lists.object().put("explicit", !on)));
        }
    }

    static void remove(Context ctx) {
        JsonNode g = pickGroup(ctx, "Remove a port group");
        if (g == null) {
            return;
        }
        String which = g.path("id").asText();
        if (Dialogs.confirm(ctx.gui(), "Remove a port group", "Remove port group " + which + " "
                + g.path("name").asText() + "? Its target ports return to the default group 0 "
                + "(active/optimized).")) {
            ctx.change("Remove port group " + which, true,
                    api -> api.delete("/v1/alua/portgroups/" + Paths.enc(which)));
        }
    }
}
