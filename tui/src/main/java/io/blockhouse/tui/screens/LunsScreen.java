package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import java.util.ArrayList;
import java.util.List;

/** LUN mapping: which device each LUN of a target (default LUNs or an initiator group) shows. */
public final class LunsScreen {

    static final String DEFAULT_LUNS = "(default LUNs: every initiator not in a group)";

    private LunsScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("LUN mapping", "Map devices to LUNs of a target or initiator group", m -> {
            m.add(new Menu.Entry("Map a device to a LUN", () -> map(ctx)));
            m.add(new Menu.Entry("Unmap a LUN", () -> unmap(ctx)));
        });
    }

    /** Target and group (null: default LUNs), as chosen; null when cancelled. */
    private static String[] pickScope(Context ctx, String title) {
        String iqn = Lists.pickTarget(ctx, title);
        JsonNode t = iqn == null ? null : Lists.target(ctx, iqn);
        if (t == null) {
            return null;
        }
        List<String> scopes = new ArrayList<>();
        scopes.add(DEFAULT_LUNS);
        scopes.addAll(Lists.names(t.path("groups")));
        String scope = scopes.size() == 1 ? DEFAULT_LUNS
                : Dialogs.pick(ctx.gui(), title, "Which LUNs of " + iqn + "?", scopes);
        if (scope == null) {
            return null;
        }
        return new String[] {iqn, scope.equals(DEFAULT_LUNS) ? null : scope};
    }

    private static JsonNode lunsOf(Context ctx, String[] scope) {
        return ctx.read("LUNs", api -> api.get("/v1/targets/" + Paths.enc(scope[0]) + "/luns"
                + Paths.groupQuery(scope[1])));
    }

    static void map(Context ctx) {
        String[] scope = pickScope(ctx, "Map a device to a LUN");
        JsonNode luns = scope == null ? null : lunsOf(ctx, scope);
        if (luns == null) {
            return;
        }
        List<Integer> used = new ArrayList<>();
        luns.forEach(l -> used.add(l.path("lun").asInt()));
        int next = 0;
        while (used.contains(next)) {
            next++;
        }
        List<String> devices = Lists.deviceNames(ctx);
        if (devices.isEmpty()) {
            Dialogs.info(ctx.gui(), "Map a device", "There are no devices yet: add one under Devices first.");
            return;
        }
        String where = scope[0] + (scope[1] == null ? "" : " group " + scope[1]);
        new Form("Map a LUN of " + where)
                .text("lun", "LUN", String.valueOf(next), Checks::lun)
                .choice("device", "Device", devices, devices.get(0))
                .flag("readOnly", "Read-only", false)
                .show(ctx.gui(), v -> {
                    ObjectNode lun = Lists.object().put("lun", Integer.parseInt(v.text("lun")))
                            .put("device", v.text("device"));
                    if (v.flag("readOnly")) {
                        lun.put("readOnly", true);
                    }
                    return ctx.change("Map LUN " + v.text("lun"), true, api -> api.post("/v1/targets/"
                            + Paths.enc(scope[0]) + "/luns" + Paths.groupQuery(scope[1]), lun));
                });
    }

    static void unmap(Context ctx) {
        String[] scope = pickScope(ctx, "Unmap a LUN");
        JsonNode luns = scope == null ? null : lunsOf(ctx, scope);
        if (luns == null) {
            return;
        }
        List<String> items = new ArrayList<>();
        luns.forEach(l -> items.add(l.path("lun").asInt() + " -> " + l.path("device").asText()));
        String picked = Dialogs.pick(ctx.gui(), "Unmap a LUN", "Which LUN?", items);
        if (picked == null) {
            return;
        }
        String lun = picked.substring(0, picked.indexOf(' '));
        if (Dialogs.confirm(ctx.gui(), "Unmap LUN " + lun, "Unmap LUN " + picked + "? Initiators lose it now "
                + "(the device is kept).")) {
            ctx.change("Unmap LUN " + lun, true, api -> api.delete("/v1/targets/" + Paths.enc(scope[0]) + "/luns/"
                    + lun + Paths.groupQuery(scope[1])));
        }
    }
}
