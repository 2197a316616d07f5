package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;

/** Targets: add/remove, enable/disable, portals, CHAP (one-way and mutual), details. */
public final class TargetsScreen {

    private TargetsScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Targets", "iSCSI targets", m -> {
            m.add(new Menu.Entry("Add target", () -> add(ctx)));
            m.add(new Menu.Entry("Remove target", () -> remove(ctx)));
            m.add(new Menu.Entry("Enable or disable target", () -> toggle(ctx)));
            m.add(new Menu.Entry("Portals of a target", () -> portals(ctx)));
            m.add(new Menu.Entry("CHAP of a target", () -> chap(ctx, null)));
            m.add(new Menu.Entry("Clear CHAP of a target", () -> clearChap(ctx, null)));
            m.add(new Menu.Entry("Show target details", () -> details(ctx)));
        });
    }

    static void add(Context ctx) {
        new Form("Add target").intro("Portals: host:port list (empty: every listen address).")
                .text("name", "Target IQN", "iqn.2026-11.io.blockhouse:", Checks::iscsiName)
                .text("alias", "Alias (opt.)", null, null)
                .flag("enabled", "Enabled", true)
                .text("portals", "Portals", null, Checks::portals)
                .show(ctx.gui(), v -> {
                    ObjectNode t = Lists.object();
                    t.put("name", v.text("name"));
                    if (v.text("alias") != null) {
                        t.put("alias", v.text("alias"));
                    }
                    t.put("enabled", v.flag("enabled"));
                    ArrayNode portals = t.putArray("portals");
                    Lists.split(v.text("portals")).forEach(portals::add);
                    return ctx.change("Add target", true, api -> api.post("/v1/targets", t));
                });
    }

    static void remove(Context ctx) {
        String iqn = Lists.pickTarget(ctx, "Remove target");
        if (iqn != null && Dialogs.confirm(ctx.gui(), "Remove target", "Remove target " + iqn
                + " with its LUN mappings, groups and CHAP? Devices are kept.")) {
            DevicesScreen.removeWithForce(ctx, "Remove target " + iqn, "/v1/targets/" + Paths.enc(iqn));
        }
    }

    static void toggle(Context ctx) {
        String iqn = Lists.pickTarget(ctx, "Enable or disable target");
        JsonNode t = iqn == null ? null : Lists.target(ctx, iqn);
        if (t == null) {
            return;
        }
        boolean enabled = t.path("enabled").asBoolean(true);
        if (enabled && !Dialogs.confirm(ctx.gui(), "Disable target", "Disable " + iqn
                + "? Its sessions end and initiators cannot log in until it is enabled again.")) {
            return;
        }
        ctx.change((enabled ? "Disable " : "Enable ") + iqn, true, api -> api.post("/v1/targets/" + Paths.enc(iqn)
                + (enabled ? "/disable" : "/enable"), Lists.object()));
    }

    static void portals(Context ctx) {
        String iqn = Lists.pickTarget(ctx, "Portals");
        JsonNode t = iqn == null ? null : Lists.target(ctx, iqn);
        if (t == null) {
            return;
        }
        StringBuilder current = new StringBuilder();
        t.path("portals").forEach(p -> current.append(current.length() == 0 ? "" : ", ").append(p.asText()));
        new Form("Portals of " + iqn).intro("host:port addresses, separated by commas; empty: every listen "
                        + "address of the daemon.")
                .text("portals", "Portals", current.toString(), Checks::portals)
                .show(ctx.gui(), v -> {
                    ArrayNode list = ApiClient.json().createArrayNode();
                    Lists.split(v.text("portals")).forEach(list::add);
                    return ctx.change("Portals of " + iqn, true,
                            api -> api.put("/v1/targets/" + Paths.enc(iqn) + "/portals", list));
                });
    }

    /** CHAP for a target, or for one of its initiator groups when {@code group} is given. */
    static void chap(Context ctx, String[] targetAndGroup) {
        String iqn = targetAndGroup != null ? targetAndGroup[0] : Lists.pickTarget(ctx, "CHAP");
        if (iqn == null) {
            return;
        }
        String group = targetAndGroup != null ? targetAndGroup[1] : null;
        String where = iqn + (group == null ? "" : " group " + group);
        new Form("CHAP for " + where).intro("One-way CHAP: the initiator proves it knows the secret. Mutual "
                        + "CHAP: fill in the mutual user and secret too, and the target proves itself back. "
                        + "Secrets: 12 to 255 characters; the two must differ.")
                .text("user", "User", null, Checks::required)
                .secret("secret", "Secret", null, Checks::chapSecret)
                .text("mutualUser", "Mutual user", null, null)
                .secret("mutualSecret", "Mutual secret", null, Checks::optionalChapSecret)
                .show(ctx.gui(), v -> {
                    if ((v.text("mutualUser") == null) != (v.text("mutualSecret") == null)) {
                        Dialogs.info(ctx.gui(), "Check the form", "Mutual user and mutual secret go together.");
                        return false;
                    }
                    ObjectNode c = Lists.object().put("user", v.text("user")).put("secret", v.text("secret"));
                    if (v.text("mutualUser") != null) {
                        c.put("mutualUser", v.text("mutualUser")).put("mutualSecret", v.text("mutualSecret"));
                    }
                    return ctx.change("CHAP for " + where, true, api -> api.put("/v1/targets/" + Paths.enc(iqn)
                            + "/chap" + Paths.groupQuery(group), c));
                });
    }

    static void clearChap(Context ctx, String[] targetAndGroup) {
        String iqn = targetAndGroup != null ? targetAndGroup[0] : Lists.pickTarget(ctx, "Clear CHAP");
        if (iqn == null) {
            return;
        }
        String group = targetAndGroup != null ? targetAndGroup[1] : null;
        String where = iqn + (group == null ? "" : " group " + group);
        if (Dialogs.confirm(ctx.gui(), "Clear CHAP", "Remove CHAP from " + where
                + "? Initiators will log in without authentication.")) {
            ctx.change("Clear CHAP of " + where, true, api -> api.delete("/v1/targets/" + Paths.enc(iqn) + "/chap"
                    + Paths.groupQuery(group)));
        }
    }

    static void details(Context ctx) {
        String iqn = Lists.pickTarget(ctx, "Target details");
        JsonNode t = iqn == null ? null : Lists.target(ctx, iqn);
        if (t == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append("Name: ").append(iqn).append('\n');
        b.append("Alias: ").append(t.path("alias").asText("-")).append('\n');
        b.append("Enabled: ").append(t.path("enabled").asBoolean(true)).append('\n');
        b.append("Portals: ").append(t.path("portals").isEmpty() ? "every listen address" : t.path("portals"))
                .append('\n');
        b.append("CHAP: ").append(chapText(t.path("chap"))).append('\n');
        b.append("Default LUNs: ").append(luns(t.path("luns"))).append('\n');
        for (JsonNode g : t.path("groups")) {
            b.append("Group ").append(g.path("name").asText()).append(": initiators ")
                    .append(g.path("initiators")).append(", LUNs ").append(luns(g.path("luns")))
                    .append(", CHAP ").append(chapText(g.path("chap"))).append('\n');
        }
        Dialogs.info(ctx.gui(), "Target " + iqn, b.toString());
    }

    static String chapText(JsonNode chap) {
        if (chap.isMissingNode() || chap.isNull()) {
            return "none";
        }
        return "user " + chap.path("user").asText() + (chap.hasNonNull("mutualUser")
                ? ", mutual user " + chap.path("mutualUser").asText() : " (one-way)");
    }

    static String luns(JsonNode luns) {
        if (luns.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        luns.forEach(l -> b.append(b.length() == 0 ? "" : ", ").append(l.path("lun").asInt()).append("->")
                .append(l.path("device").asText()).append(l.path("readOnly").asBoolean(false) ? " (ro)" : ""));
        return b.toString();
    }
}
