package io.blockhouse.cli;

import static io.blockhouse.cli.Session.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.mgmt.client.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every command of the CLI, each a thin mapping onto one API request. */
final class Commands {

    private static final List<String> NONE = List.of();

    private Commands() {
    }

    static List<Command> all() {
        List<Command> c = new ArrayList<>();
        devices(c);
        targets(c);
        luns(c);
        groups(c);
        chap(c);
        PortGroupCommands.add(c);
        c.add(new Command("session", "list", "[--target IQN]",
                "Lists live iSCSI sessions: initiator, ISID, address, LUNs seen, commands in flight, digests; then "
                        + "each session's I/O per LUN (reads, writes, bytes read and written, errors).",
                NONE, List.of("--target"), 0, 0, Commands::sessionList));
        config(c);
        ApplianceCommands.add(c);
        ApiCommands.add(c);
        return c;
    }

    // ---- devices ----

    private static void devices(List<Command> c) {
        c.add(new Command("device", "add", "NAME --backend file|block|null|ram [--path PATH] [--size SIZE] "
                + "[--block-size 512|4096] [--read-only] [--write-through] [--direct-io] [--rotational] "
                + "[--serial TEXT]",
                """
                Adds a device (logical unit). file: PATH is created sparse at SIZE or grown to it; block: PATH is a
                block device (its own size); null and ram need SIZE. SIZE is bytes or 512M, 1G, 2T (powers of
                1024), a multiple of 4096. Relative paths are under the data directory; others must be under the
                daemon's allowed roots.""",
                List.of("--read-only", "--write-through", "--direct-io", "--rotational"),
                List.of("--backend", "--path", "--size", "--block-size", "--serial"), 1, 1, Commands::deviceAdd));
        c.add(new Command("device", "list", "", "Lists devices.", NONE, NONE, 0, 0, Commands::deviceList));
        c.add(new Command("device", "show", "NAME", "Shows one device's configuration as JSON.", NONE, NONE, 1, 1,
                (s, a) -> showJson(s, "/v1/devices/" + seg(a.arg(0)))));
        c.add(new Command("device", "resize", "NAME SIZE",
                "Grows a file or null device live; initiators get CAPACITY DATA HAS CHANGED. Devices never shrink.",
                NONE, NONE, 2, 2, (s, a) -> {
                    ObjectNode b = Session.JSON.createObjectNode().put("size", a.arg(1));
                    return s.change("POST", "/v1/devices/" + seg(a.arg(0)) + "/resize", b);
                }));
        c.add(new Command("device", "rm", "NAME [--force]",
                "Removes a device. Refused while a LUN maps it or commands are in flight, unless --force (which "
                        + "also unmaps it everywhere).",
                List.of("--force"), NONE, 1, 1,
                (s, a) -> s.change("DELETE", "/v1/devices/" + seg(a.arg(0)) + force(a, "?"), null)));
    }

    private static String force(Args a, String sep) {
        return a.flag("--force") ? sep + "force=true" : "";
    }

    private static int deviceAdd(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException {
        String backend = a.value("--backend");
        if (backend == null) {
            throw new Args.UsageException("--backend is required (file, block, null or ram)");
        }
        ObjectNode d = Session.JSON.createObjectNode();
        d.put("name", a.arg(0));
        d.put("backend", backend);
        putIf(d, "path", a.value("--path"));
        putIf(d, "size", a.value("--size"));
        if (a.value("--block-size") != null) {
            d.put("blockSize", integer(a.value("--block-size"), "--block-size"));
        }
        putIf(d, "serial", a.value("--serial"));
        flagIf(d, "readOnly", a.flag("--read-only"));
        flagIf(d, "writeThrough", a.flag("--write-through"));
        flagIf(d, "directIo", a.flag("--direct-io"));
        flagIf(d, "rotational", a.flag("--rotational"));
        return s.change("POST", "/v1/devices", d);
    }

    private static int deviceList(Session s, Args a) throws ApiClient.UnreachableException {
        JsonNode list = s.fetch("/v1/devices");
        if (list == null || s.json) {
            return s.lastExit;
        }
        Table t = new Table("NAME", "BACKEND", "SIZE", "BLOCK", "PATH", "FLAGS");
        for (JsonNode d : list) {
            List<String> flags = new ArrayList<>();
            for (String f : new String[] {"readOnly", "writeThrough", "directIo", "rotational"}) {
                if (d.path(f).asBoolean(false)) {
                    flags.add(f);
                }
            }
            t.row(d.path("name").asText(), d.path("backend").asText(), d.path("size").asText("-"),
                    d.path("blockSize").asText("512"), d.path("path").asText("-"), String.join(",", flags));
        }
        t.print(s.out);
        return Session.OK;
    }

    // ---- targets ----

    private static void targets(List<Command> c) {
        c.add(new Command("target", "add", "IQN [--alias TEXT] [--disabled] [--tpgt N] [--portal HOST:PORT]...",
                "Adds a target (enabled unless --disabled). Portals default to every listen address.",
                List.of("--disabled"), List.of("--alias", "--tpgt", "--portal"), 1, 1, Commands::targetAdd));
        c.add(new Command("target", "list", "", "Lists targets.", NONE, NONE, 0, 0, Commands::targetList));
        c.add(new Command("target", "show", "IQN", "Shows one target's configuration as JSON.", NONE, NONE, 1, 1,
                (s, a) -> showJson(s, "/v1/targets/" + seg(a.arg(0)))));
        c.add(new Command("target", "enable", "IQN", "Accepts logins to the target again.", NONE, NONE, 1, 1,
                (s, a) -> s.change("POST", "/v1/targets/" + seg(a.arg(0)) + "/enable", null)));
        c.add(new Command("target", "disable", "IQN",
                "Refuses new logins to the target and ends its sessions (only its own).", NONE, NONE, 1, 1,
                (s, a) -> s.change("POST", "/v1/targets/" + seg(a.arg(0)) + "/disable", null)));
        c.add(new Command("target", "portals", "IQN HOST:PORT...",
                "Sets the portals a target is offered on (each must be a listen address); sessions on a portal "
                        + "no longer listed end.", NONE, NONE, 2, -1, (s, a) -> {
                            ArrayNode p = Session.JSON.createArrayNode();
                            a.positional.subList(1, a.positional.size()).forEach(p::add);
                            return s.change("PUT", "/v1/targets/" + seg(a.arg(0)) + "/portals", p);
                        }));
        c.add(new Command("target", "rm", "IQN", "Removes a target and ends its sessions.", NONE, NONE, 1, 1,
                (s, a) -> s.change("DELETE", "/v1/targets/" + seg(a.arg(0)), null)));
    }

    private static int targetAdd(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException {
        ObjectNode t = Session.JSON.createObjectNode();
        t.put("name", a.arg(0));
        putIf(t, "alias", a.value("--alias"));
        if (a.flag("--disabled")) {
            t.put("enabled", false);
        }
        if (a.value("--tpgt") != null) {
            t.put("portalGroupTag", integer(a.value("--tpgt"), "--tpgt"));
        }
        if (!a.values("--portal").isEmpty()) {
            ArrayNode p = t.putArray("portals");
            a.values("--portal").forEach(p::add);
        }
        return s.change("POST", "/v1/targets", t);
    }

    private static int targetList(Session s, Args a) throws ApiClient.UnreachableException {
        JsonNode list = s.fetch("/v1/targets");
        if (list == null || s.json) {
            return s.lastExit;
        }
        Table t = new Table("NAME", "ENABLED", "LUNS", "GROUPS", "CHAP", "ALIAS");
        for (JsonNode n : list) {
            List<String> luns = new ArrayList<>();
            n.path("luns").forEach(l -> luns.add(l.path("lun").asText() + ":" + l.path("device").asText()));
            List<String> groups = new ArrayList<>();
            n.path("groups").forEach(g -> groups.add(g.path("name").asText()));
            t.row(n.path("name").asText(), n.path("enabled").asBoolean(true) ? "yes" : "no",
                    String.join(",", luns), String.join(",", groups), n.hasNonNull("chap") ? "yes" : "no",
                    n.path("alias").asText(""));
        }
        t.print(s.out);
        return Session.OK;
    }

    // ---- LUN maps ----

    private static void luns(List<Command> c) {
        c.add(new Command("lun", "map", "TARGET LUN DEVICE [--group NAME] [--read-only]",
                "Maps DEVICE as LUN (0..16383) in the target's default LUN map or a group's. Sessions that see "
                        + "that map get REPORTED LUNS DATA HAS CHANGED; others notice nothing.",
                List.of("--read-only"), List.of("--group"), 3, 3, (s, a) -> {
                    ObjectNode l = Session.JSON.createObjectNode();
                    l.put("lun", integer(a.arg(1), "LUN"));
                    l.put("device", a.arg(2));
                    flagIf(l, "readOnly", a.flag("--read-only"));
                    return s.change("POST", "/v1/targets/" + seg(a.arg(0)) + "/luns" + group(a, "?"), l);
                }));
        c.add(new Command("lun", "unmap", "TARGET LUN [--group NAME]", "Removes a LUN from a LUN map.", NONE,
                List.of("--group"), 2, 2, (s, a) -> s.change("DELETE", "/v1/targets/" + seg(a.arg(0)) + "/luns/"
                        + integer(a.arg(1), "LUN") + group(a, "?"), null)));
        c.add(new Command("lun", "list", "TARGET [--group NAME]", "Lists a LUN map.", NONE, List.of("--group"), 1,
                1, (s, a) -> {
                    JsonNode list = s.fetch("/v1/targets/" + seg(a.arg(0)) + "/luns" + group(a, "?"));
                    if (list == null || s.json) {
                        return s.lastExit;
                    }
                    Table t = new Table("LUN", "DEVICE", "ACCESS");
                    list.forEach(l -> t.row(l.path("lun").asText(), l.path("device").asText(),
                            l.path("readOnly").asBoolean(false) ? "ro" : "rw"));
                    t.print(s.out);
                    return Session.OK;
                }));
    }

    private static String group(Args a, String sep) {
        return a.value("--group") == null ? "" : sep + "group=" + seg(a.value("--group"));
    }

    // ---- groups and initiators ----

    private static void groups(List<Command> c) {
        c.add(new Command("group", "add", "TARGET NAME --initiator IQN [--initiator IQN]...",
                "Adds an initiator group: its initiators see the group's LUN map (empty until `lun map --group`) "
                        + "instead of the target's default one.",
                NONE, List.of("--initiator"), 2, 2, (s, a) -> {
                    ObjectNode g = Session.JSON.createObjectNode();
                    g.put("name", a.arg(1));
                    ArrayNode i = g.putArray("initiators");
                    a.values("--initiator").forEach(i::add);
                    return s.change("POST", "/v1/targets/" + seg(a.arg(0)) + "/groups", g);
                }));
        c.add(new Command("group", "rm", "TARGET NAME", "Removes an initiator group.", NONE, NONE, 2, 2,
                (s, a) -> s.change("DELETE", "/v1/targets/" + seg(a.arg(0)) + "/groups/" + seg(a.arg(1)), null)));
        c.add(new Command("group", "list", "TARGET", "Lists a target's initiator groups.", NONE, NONE, 1, 1,
                (s, a) -> {
                    JsonNode list = s.fetch("/v1/targets/" + seg(a.arg(0)) + "/groups");
                    if (list == null || s.json) {
                        return s.lastExit;
                    }
                    Table t = new Table("GROUP", "INITIATORS", "LUNS", "CHAP");
                    for (JsonNode g : list) {
                        List<String> ini = new ArrayList<>();
                        g.path("initiators").forEach(i -> ini.add(i.asText()));
                        List<String> luns = new ArrayList<>();
                        g.path("luns").forEach(l -> luns.add(l.path("lun").asText() + ":"
                                + l.path("device").asText()));
                        t.row(g.path("name").asText(), String.join(",", ini), String.join(",", luns),
                                g.hasNonNull("chap") ? "yes" : "no");
                    }
                    t.print(s.out);
                    return Session.OK;
                }));
        c.add(new Command("initiator", "add", "TARGET GROUP IQN", "Adds an initiator to a group.", NONE, NONE, 3, 3,
                (s, a) -> s.change("POST", "/v1/targets/" + seg(a.arg(0)) + "/groups/" + seg(a.arg(1))
                        + "/initiators", Session.JSON.createObjectNode().put("name", a.arg(2)))));
        c.add(new Command("initiator", "rm", "TARGET GROUP IQN",
                "Removes an initiator from a group; its sessions then see the default LUN map, or end when the "
                        + "target has none.", NONE, NONE, 3, 3,
                (s, a) -> s.change("DELETE", "/v1/targets/" + seg(a.arg(0)) + "/groups/" + seg(a.arg(1))
                        + "/initiators/" + seg(a.arg(2)), null)));
    }

    // ---- CHAP ----

    private static void chap(List<Command> c) {
        c.add(new Command("chap", "set", "TARGET --user NAME --secret SECRET|- [--mutual-user NAME "
                + "--mutual-secret SECRET|-] [--group NAME]",
                "Sets the CHAP secrets of a target (or of one of its groups). Secrets are 12..255 characters; "
                        + "\"-\" reads a secret from standard input (one line), keeping it out of `ps`. Live "
                        + "sessions stay; new logins use the new secrets.",
                NONE, List.of("--user", "--secret", "--mutual-user", "--mutual-secret", "--group"), 1, 1,
                Commands::chapSet));
        c.add(new Command("chap", "clear", "TARGET [--group NAME]", "Removes CHAP from a target or group.", NONE,
                List.of("--group"), 1, 1,
                (s, a) -> s.change("DELETE", "/v1/targets/" + seg(a.arg(0)) + "/chap" + group(a, "?"), null)));
    }

    private static int chapSet(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException {
        if (a.value("--user") == null || a.value("--secret") == null) {
            throw new Args.UsageException("--user and --secret are required");
        }
        ObjectNode chap = Session.JSON.createObjectNode();
        chap.put("user", a.value("--user"));
        chap.put("secret", secret(a.value("--secret")));
        putIf(chap, "mutualUser", a.value("--mutual-user"));
        if (a.value("--mutual-secret") != null) {
            chap.put("mutualSecret", secret(a.value("--mutual-secret")));
        }
        return s.change("PUT", "/v1/targets/" + seg(a.arg(0)) + "/chap" + group(a, "?"), chap);
    }

    private static String secret(String value) throws Args.UsageException {
        if (!value.equals("-")) {
            return value;
        }
        try {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new Args.UsageException("no secret on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new Args.UsageException("cannot read the secret from standard input: " + e.getMessage());
        }
    }

    // ---- sessions ----

    private static int sessionList(Session s, Args a) throws ApiClient.UnreachableException {
        String q = a.value("--target") == null ? "" : "?target=" + seg(a.value("--target"));
        JsonNode list = s.fetch("/v1/sessions" + q);
        if (list == null || s.json) {
            return s.lastExit;
        }
        Table t = new Table("TSIH", "INITIATOR", "ISID", "TARGET", "ADDRESS", "LUNS", "INFLIGHT", "DIGESTS");
        for (JsonNode n : list) {
            List<String> luns = new ArrayList<>();
            n.path("luns").forEach(l -> luns.add(l.asText()));
            JsonNode p = n.path("parameters");
            t.row(n.path("tsih").asText(), n.path("initiator").asText(), n.path("isid").asText(),
                    n.path("target").asText("").isEmpty() ? "(discovery)" : n.path("target").asText(),
                    n.path("address").asText(), String.join(",", luns), n.path("outstanding").asText(),
                    p.path("HeaderDigest").asText("-") + "/" + p.path("DataDigest").asText("-"));
        }
        t.print(s.out);
        Table io = new Table("TSIH", "LUN", "DEVICE", "READS", "WRITES", "BYTES-READ", "BYTES-WRITTEN", "ERRORS");
        boolean any = false;
        for (JsonNode n : list) {
            for (JsonNode c : n.path("lunCounters")) {
                any = true;
                io.row(n.path("tsih").asText(), c.path("lun").asText(), c.path("device").asText(),
                        c.path("reads").asText(), c.path("writes").asText(), c.path("bytesRead").asText(),
                        c.path("bytesWritten").asText(), c.path("errors").asText());
            }
        }
        if (any) {
            s.out.println();
            io.print(s.out);
        }
        return Session.OK;
    }

    // ---- config ----

    private static void config(List<Command> c) {
        c.add(new Command("config", "show", "[--generation N]",
                "Prints the current configuration (or generation N) with its generation number, as JSON.",
                NONE, List.of("--generation"), 0, 0, (s, a) -> {
                    String g = a.value("--generation");
                    JsonNode n = s.fetch(g == null ? "/v1/config" : "/v1/config/generations/"
                            + integer(g, "--generation"));
                    if (n != null && !s.json) {
                        s.out.println(n.toPrettyString());
                    }
                    return s.lastExit;
                }));
        c.add(new Command("config", "export", "[FILE]",
                "Writes the current configuration in the daemon's --config format (to FILE or standard output).",
                NONE, NONE, 0, 1, Commands::configExport));
        c.add(new Command("config", "import", "FILE [--force] | --scst FILE [--force]",
                "Replaces the whole model with FILE (Blockhouse JSON), or with SCST's scst.conf (--scst), as one "
                        + "live change. The listen addresses and iSCSI limits of the running daemon are kept.",
                List.of("--force"), List.of("--scst"), 0, 1, Commands::configImport));
        c.add(new Command("config", "history", "", "Lists the kept configuration generations, newest first.", NONE,
                NONE, 0, 0, Commands::configHistory));
        c.add(new Command("config", "diff", "FROM [TO]",
                "Shows what changed between two generations (TO defaults to the current one).", NONE, NONE, 1, 2,
                (s, a) -> {
                    String path = "/v1/config/diff?from=" + integer(a.arg(0), "FROM")
                            + (a.positional.size() > 1 ? "&to=" + integer(a.arg(1), "TO") : "");
                    JsonNode n = s.fetch(path);
                    if (n != null && !s.json) {
                        n.path("lines").forEach(l -> s.out.println(l.asText()));
                    }
                    return s.lastExit;
                }));
        c.add(new Command("config", "rollback", "N [--force]",
                "Makes generation N's model live again (itself a new generation).", List.of("--force"), NONE, 1, 1,
                (s, a) -> s.change("POST", "/v1/config/rollback" + force(a, "?"),
                        Session.JSON.createObjectNode().put("generation", integer(a.arg(0), "N")))));
    }

    private static int configExport(Session s, Args a) throws Args.UsageException,
            ApiClient.UnreachableException {
        ApiClient.Response r = s.api.get("/v1/config");
        if (!r.ok()) {
            return s.refused(r);
        }
        String config;
        try {
            config = Session.JSON.readTree(r.body()).path("config").toPrettyString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (a.positional.isEmpty()) {
            s.out.println(config);
            return Session.OK;
        }
        try {
            Files.writeString(Path.of(a.arg(0)), config + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Args.UsageException("cannot write " + a.arg(0) + ": " + e.getMessage());
        }
        return Session.OK;
    }

    private static int configImport(Session s, Args a) throws Args.UsageException,
            ApiClient.UnreachableException {
        String scst = a.value("--scst");
        if ((scst == null) == a.positional.isEmpty() || (scst != null && !a.positional.isEmpty())) {
            throw new Args.UsageException("give either FILE or --scst FILE");
        }
        Path file = Path.of(scst != null ? scst : a.arg(0));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Args.UsageException("cannot read " + file + ": " + e.getMessage());
        }
        String source = "&source=" + seg(file.toAbsolutePath().toString());
        if (scst != null) {
            return s.change("POST", "/v1/config/import?format=scst" + source + force(a, "&"), text);
        }
        return s.change("PUT", "/v1/config?" + source.substring(1) + force(a, "&"), text);
    }

    private static int configHistory(Session s, Args a) throws ApiClient.UnreachableException {
        JsonNode list = s.fetch("/v1/config/history");
        if (list == null || s.json) {
            return s.lastExit;
        }
        Table t = new Table("GEN", "TIME", "SUMMARY");
        list.forEach(g -> t.row(g.path("generation").asText(), g.path("time").asText(), g.path("summary").asText()));
        t.print(s.out);
        return Session.OK;
    }

    // ---- helpers ----

    private static int showJson(Session s, String path) throws ApiClient.UnreachableException {
        JsonNode n = s.fetch(path);
        if (n != null && !s.json) {
            s.out.println(n.toPrettyString());
        }
        return s.lastExit;
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void flagIf(ObjectNode n, String field, boolean on) {
        if (on) {
            n.put(field, true);
        }
    }

    static int integer(String text, String what) throws Args.UsageException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Args.UsageException(what + " must be a number, got \"" + text + "\"");
        }
    }
}
