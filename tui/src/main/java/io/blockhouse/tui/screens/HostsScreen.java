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
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts: the initiator groups of a target (LUN masking). Initiators are picked from the sessions connected now or
 * typed.
 */
public final class HostsScreen {

    static final String TYPE_A_NAME = "(type a name)";

    private HostsScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Hosts", "Initiator groups of a target", m -> {
            m.add(new Menu.Entry("Add initiator group", () -> addGroup(ctx)));
            m.add(new Menu.Entry("Initiator to a group", () -> addInitiator(ctx)));
            m.add(new Menu.Entry("Remove initiator from a group", () -> removeInitiator(ctx)));
            m.add(new Menu.Entry("Group CHAP", () -> {
                String[] tg = pickGroup(ctx, "Group CHAP");
                if (tg != null) {
                    TargetsScreen.chap(ctx, tg);
                }
            }));
            m.add(new Menu.Entry("Clear group CHAP", () -> {
                String[] tg = pickGroup(ctx, "Clear group CHAP");
                if (tg != null) {
                    TargetsScreen.clearChap(ctx, tg);
                }
            }));
            m.add(new Menu.Entry("Delete initiator group", () -> removeGroup(ctx)));
        });
    }

    /** Target and group, chosen by the operator; null when cancelled. */
    static String[] pickGroup(Context ctx, String title) {
        String iqn = Lists.pickTarget(ctx, title);
        JsonNode t = iqn == null ? null : Lists.target(ctx, iqn);
        if (t == null) {
            return null;
        }
        String group = Dialogs.pick(ctx.gui(), title, "Which initiator group of " + iqn + "?",
                Lists.names(t.path("groups")));
        return group == null ? null : new String[] {iqn, group};
    }

    /** Initiator names of the sessions connected now, without repeats. */
    static List<String> connectedInitiators(Context ctx) {
        JsonNode sessions = ctx.read("Sessions", api -> api.get("/v1/sessions"));
        List<String> out = new ArrayList<>();
        if (sessions != null) {
            sessions.forEach(s -> {
                String name = s.path("initiator").asText();
                if (!name.isEmpty() && !out.contains(name)) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    /** An initiator name picked from the connected sessions, or typed; null when cancelled. */
    static String chooseInitiator(Context ctx, String title) {
        List<String> choices = connectedInitiators(ctx);
        choices.add(TYPE_A_NAME);
        String picked = Dialogs.pick(ctx.gui(), title, "Connected initiators, or type one:", choices);
        if (picked == null || !picked.equals(TYPE_A_NAME)) {
            return picked;
        }
        String[] typed = {null};
        new Form(title).text("name", "Initiator IQN", "iqn.", Checks::iscsiName).show(ctx.gui(), v -> {
            typed[0] = v.text("name");
            return true;
        });
        return typed[0];
    }

    static void addGroup(Context ctx) {
        String iqn = Lists.pickTarget(ctx, "Add initiator group");
        if (iqn == null) {
            return;
        }
        String first = chooseInitiator(ctx, "First initiator of the group");
        new Form("Add initiator group to " + iqn).intro("Initiators in a group see the group's LUNs instead of "
                        + "the target's default LUNs. More initiators: separate with commas.")
                .text("name", "Group name", null, Checks::name)
                .text("initiators", "Initiators", first == null ? "" : first, v -> {
                    for (String i : Lists.split(v)) {
                        String p = Checks.iscsiName(i);
                        if (p != null) {
                            return "\"" + i + "\": " + p;
                        }
                    }
                    return null;
                })
                .show(ctx.gui(), v -> {
                    ObjectNode g = Lists.object().put("name", v.text("name"));
                    ArrayNode inits = g.putArray("initiators");
                    Lists.split(v.text("initiators")).forEach(inits::add);
                    return ctx.change("Add group " + v.text("name"), true,
                            api -> api.post("/v1/targets/" + Paths.enc(iqn) + "/groups", g));
                });
    }

    static void addInitiator(Context ctx) {
        String[] tg = pickGroup(ctx, "Add initiator to a group");
        if (tg == null) {
            return;
        }
        String name = chooseInitiator(ctx, "Initiator to add to " + tg[1]);
        if (name != null) {
            ctx.change("Add " + name + " to " + tg[1], true, api -> api.post("/v1/targets/" + Paths.enc(tg[0])
                    + "/groups/" + Paths.enc(tg[1]) + "/initiators", Lists.object().put("name", name)));
        }
    }

    static void removeInitiator(Context ctx) {
        String[] tg = pickGroup(ctx, "Remove initiator from a group");
        JsonNode t = tg == null ? null : Lists.target(ctx, tg[0]);
        if (t == null) {
            return;
        }
        List<String> members = new ArrayList<>();
        t.path("groups").forEach(g -> {
            if (g.path("name").asText().equals(tg[1])) {
                g.path("initiators").forEach(i -> members.add(i.asText()));
            }
        });
        String name = Dialogs.pick(ctx.gui(), "Remove initiator", "Which initiator of " + tg[1] + "?", members);
        if (name != null && Dialogs.confirm(ctx.gui(), "Remove initiator", "Remove " + name + " from group "
                + tg[1] + "? It will see the target's default LUNs from its next login.")) {
            ctx.change("Remove " + name, true, api -> api.delete("/v1/targets/" + Paths.enc(tg[0]) + "/groups/"
                    + Paths.enc(tg[1]) + "/initiators/" + Paths.enc(name)));
        }
    }

    static void removeGroup(Context ctx) {
        String[] tg = pickGroup(ctx, "Delete initiator group");
        if (tg != null && Dialogs.confirm(ctx.gui(), "Delete initiator group", "Delete group " + tg[1] + " of "
                + tg[0] + " with its LUN mappings and CHAP?")) {
            DevicesScreen.removeWithForce(ctx, "Delete group " + tg[1], "/v1/targets/" + Paths.enc(tg[0])
                    + "/groups/" + Paths.enc(tg[1]));
        }
    }
}
