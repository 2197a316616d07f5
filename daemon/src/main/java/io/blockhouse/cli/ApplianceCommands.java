package io.blockhouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.mgmt.client.ApiClient;
import java.util.List;

/** The appliance's flash copy of the configuration ({@code sync status|now}) and its alerts ({@code alert list}). */
final class ApplianceCommands {

    private static final List<String> NONE = List.of();

    private ApplianceCommands() {
    }

    static void add(List<Command> c) {
        c.add(new Command("sync", "status", "",
                "Shows whether the configuration on the appliance's boot flash is current: the last synced "
                        + "generation, last success, pending changes, the last error.",
                NONE, NONE, 0, 0, (s, a) -> print(s, s.fetch("/v1/sync"))));
        c.add(new Command("sync", "now", "",
                "Writes the configuration to the appliance's boot flash now (a new checksummed generation).",
                NONE, NONE, 0, 0, (s, a) -> {
                    ApiClient.Response r = s.api.send("POST", "/v1/sync", null);
                    if (!r.ok()) {
                        return s.refused(r);
                    }
                    if (s.json) {
                        s.out.println(r.body());
                    }
                    return print(s, Session.parse(r));
                }));
        c.add(new Command("alert", "list", "",
                "Lists the alerts the appliance raised (failed configuration syncs, daemon restarts), oldest first.",
                NONE, NONE, 0, 0, (s, a) -> {
                    JsonNode n = s.fetch("/v1/alerts");
                    if (n != null && !s.json) {
                        n.forEach(l -> s.out.println(l.asText()));
                    }
                    return s.lastExit;
                }));
    }

    private static int print(Session s, JsonNode n) {
        if (n == null) {
            return s.lastExit;
        }
        if (s.json) {
            return Session.OK;
        }
        if (!n.path("available").asBoolean()) {
            s.out.println("flash sync: " + n.path("reason").asText());
            return Session.OK;
        }
        Table t = new Table("RESULT", "GENERATION", "LAST SUCCESS", "PENDING", "DEVICE", "ERROR");
        t.row(n.path("result").asText("-"), n.path("generation").asText("-"), n.path("lastSuccess").asText("-"),
                n.path("pending").asBoolean() ? "yes" : "no", n.path("device").asText("-"),
                n.path("error").asText(""));
        t.print(s.out);
        if (n.hasNonNull("message")) {
            s.out.println(n.path("message").asText());
        }
        return Session.OK;
    }
}
