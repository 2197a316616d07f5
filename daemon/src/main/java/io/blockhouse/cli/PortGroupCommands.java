package io.blockhouse.cli;

import static io.blockhouse.cli.Session.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.mgmt.client.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** The `portgroup` verbs: target port groups (ALUA) and their access states. */
final class PortGroupCommands {

    private static final String STATES = "active/optimized|active/non-optimized|standby|unavailable|transitioning";

    private PortGroupCommands() {
    }

    static void add(List<Command> c) {
        c.add(new Command("portgroup", "add",
                "ID NAME [--state STATE] [--preferred] [--port TARGET[=HOST:PORT,...]]...",
                "Adds a target port group (ALUA). ID is 1..65535; STATE is " + STATES + " (default "
                        + "active/optimized). --port TARGET puts the whole target in the group; "
                        + "--port TARGET=HOST:PORT,... only those portals of it, which then form a target port of "
                        + "their own (portal group tag = target tag + ID, its own relative target port id).",
                List.of("--preferred"), List.of("--state", "--port"), 2, 2, PortGroupCommands::addGroup));
        c.add(new Command("portgroup", "set", "ID|NAME [--state STATE] [--preferred|--not-preferred] "
                + "[--port TARGET[=HOST:PORT,...]]...",
                "Changes a port group live. STATE is " + STATES + ". A new state reaches every session as "
                        + "the unit attention ASYMMETRIC "
                        + "ACCESS STATE CHANGED; standby, unavailable and transitioning ports refuse media access "
                        + "with NOT READY. --port replaces the group's ports.",
                List.of("--preferred", "--not-preferred"), List.of("--state", "--port"), 1, 1,
                PortGroupCommands::setGroup));
        c.add(new Command("portgroup", "rm", "ID|NAME",
                "Removes a port group; its target ports return to the default group 0 (active/optimized).", List.of(),
                List.of(), 1, 1, (s, a) -> s.change("DELETE", "/v1/alua/portgroups/" + seg(a.arg(0)), null)));
        c.add(new Command("portgroup", "list", "",
                "Lists the port groups in force: id, name, state, PREF, why the state last changed, and each "
                        + "target port with its relative target port id and portals.",
                List.of(), List.of(), 0, 0, PortGroupCommands::list));
        c.add(new Command("portgroup", "explicit", "on|off",
                "Allows (on) or forbids (off) initiators to change states with SET TARGET PORT GROUPS "
                        + "(INQUIRY TPGS 11b or 01b).",
                List.of(), List.of(), 1, 1, (s, a) -> {
                    String v = a.arg(0);
                    if (!v.equals("on") && !v.equals("off")) {
                        throw new Args.UsageException("expected on or off, got \"" + v + "\"");
                    }
                    return s.change("PUT", "/v1/alua/explicit",
                            Session.JSON.createObjectNode().put("explicit", v.equals("on")));
                }));
    }

    private static int addGroup(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException {
        ObjectNode g = Session.JSON.createObjectNode();
        g.put("id", Commands.integer(a.arg(0), "ID"));
        g.put("name", a.arg(1));
        if (a.value("--state") != null) {
            g.put("state", a.value("--state"));
        }
        if (a.flag("--preferred")) {
            g.put("preferred", true);
        }
        g.set("ports", ports(a.values("--port")));
        return s.change("POST", "/v1/alua/portgroups", g);
    }

    private static int setGroup(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException {
        if (a.flag("--preferred") && a.flag("--not-preferred")) {
            throw new Args.UsageException("--preferred and --not-preferred exclude each other");
        }
        ObjectNode g = Session.JSON.createObjectNode();
        if (a.value("--state") != null) {
            g.put("state", a.value("--state"));
        }
        if (a.flag("--preferred") || a.flag("--not-preferred")) {
            g.put("preferred", a.flag("--preferred"));
        }
        if (!a.values("--port").isEmpty()) {
            g.set("ports", ports(a.values("--port")));
        }
        if (g.isEmpty()) {
            throw new Args.UsageException("nothing to change: give --state, --preferred/--not-preferred or --port");
        }
        return s.change("PATCH", "/v1/alua/portgroups/" + seg(a.arg(0)), g);
    }

    /** "TARGET" or "TARGET=HOST:PORT,HOST:PORT" to port group members. */
    private static ArrayNode ports(List<String> specs) throws Args.UsageException {
        ArrayNode out = Session.JSON.createArrayNode();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String target = eq < 0 ? spec : spec.substring(0, eq);
            if (target.isBlank()) {
                throw new Args.UsageException("--port needs a target name, got \"" + spec + "\"");
            }
            ObjectNode m = out.addObject();
            m.put("target", target);
            if (eq >= 0) {
                ArrayNode portals = m.putArray("portals");
                for (String p : spec.substring(eq + 1).split(",")) {
                    if (p.isBlank()) {
                        throw new Args.UsageException("--port " + spec + ": empty portal");
                    }
                    portals.add(p.trim());
                }
            }
        }
        return out;
    }

    private static int list(Session s, Args a) throws ApiClient.UnreachableException {
        JsonNode alua = s.fetch("/v1/alua");
        if (alua == null || s.json) {
            return s.lastExit;
        }
        s.out.println("explicit ALUA (SET TARGET PORT GROUPS): " + (alua.path("explicit").asBoolean() ? "on" : "off"));
        Table t = new Table("ID", "NAME", "STATE", "PREF", "STATUS", "RTPI", "TARGET PORT", "PORTALS");
        List<Integer> live = new ArrayList<>();
        for (JsonNode g : alua.path("live")) {
            live.add(g.path("id").asInt());
            for (JsonNode p : g.path("ports")) {
                List<String> portals = new ArrayList<>();
                p.path("portals").forEach(x -> portals.add(x.asText()));
                t.row(g.path("id").asText(), g.path("name").asText(), g.path("state").asText(),
                        g.path("preferred").asBoolean() ? "yes" : "no", g.path("status").asText(),
                        p.path("relativeTargetPortId").asText(), p.path("targetPort").asText(),
                        String.join(",", portals));
            }
        }
        for (JsonNode g : alua.path("portGroups")) {
            if (!live.contains(g.path("id").asInt())) {
                t.row(g.path("id").asText(), g.path("name").asText(), g.path("state").asText(),
                        g.path("preferred").asBoolean(false) ? "yes" : "no", "-", "-", "(no target port)", "-");
            }
        }
        t.print(s.out);
        return Session.OK;
    }
}
