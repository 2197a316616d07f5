package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Menu;
import java.util.ArrayList;
import java.util.List;

/**
 * System: configuration history, diff and rollback, and the appliance's own settings (network, time, mail, users,
 * power, support bundle: see {@link NetworkScreen} and {@link ApplianceScreen}).
 */
public final class SystemScreen {

    private SystemScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("System", "Configuration and the appliance", m -> {
            m.add(new Menu.Entry("Configuration history and rollback", () -> history(ctx)));
            m.add(new Menu.Entry("Sync configuration to flash now", () -> notYet(ctx, "Sync configuration",
                    "The configuration is written durably to the data directory on every change. Copying it to "
                            + "the boot flash exists only on the appliance image, which is not built yet.")));
            m.add(new Menu.Entry("Network settings", () -> NetworkScreen.menu(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Date, time and NTP", () -> ApplianceScreen.time(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Mail alerts", () -> ApplianceScreen.mail(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Users and passwords", () -> ApplianceScreen.password(ctx)));
            m.add(new Menu.Entry("Reboot or shut down", () -> ApplianceScreen.power(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Support bundle", () -> ApplianceScreen.support(ctx).show(ctx.gui())));
        });
    }

    private static void notYet(Context ctx, String title, String text) {
        Dialogs.info(ctx.gui(), title, text != null ? text : "Not available in this version: the daemon's "
                + "management API has no " + title.toLowerCase(java.util.Locale.ROOT) + " yet, and the console "
                + "never changes the system behind the daemon's back.");
    }

    static void history(Context ctx) {
        JsonNode history = ctx.read("Configuration history", api -> api.get("/v1/config/history"));
        if (history == null) {
            return;
        }
        List<String> items = new ArrayList<>();
        history.forEach(g -> items.add(g.path("generation").asLong() + "  " + g.path("time").asText()
                .replace('T', ' ').replaceAll("\\..*", "") + "  " + g.path("summary").asText()));
        String picked = Dialogs.pick(ctx.gui(), "Configuration history", "Newest first. Pick a generation to see "
                + "its difference to the current one and roll back to it.", items);
        if (picked == null) {
            return;
        }
        long generation = Long.parseLong(picked.substring(0, picked.indexOf(' ')));
        long current = history.get(0).path("generation").asLong();
        JsonNode diff = ctx.read("Diff", api -> api.get("/v1/config/diff?from=" + current + "&to=" + generation));
        if (diff == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        diff.path("lines").forEach(l -> b.append(l.asText()).append('\n'));
        String text = b.length() == 0 ? "Generation " + generation + " is the same as the current one."
                : "From the current generation " + current + " to " + generation + ":\n" + tail(b.toString(), 16);
        Dialogs.info(ctx.gui(), "Generation " + generation, text);
        if (generation != current && Dialogs.confirm(ctx.gui(), "Roll back", "Roll back to generation "
                + generation + "? This becomes a new generation; sessions using removed LUNs lose them.")) {
            ctx.change("Roll back to " + generation, true, api -> api.post("/v1/config/rollback",
                    Lists.object().put("generation", generation)));
        }
    }

    /** The first {@code max} lines of {@code text}, with a note of how many were left out. */
    private static String tail(String text, int max) {
        String[] lines = text.split("\n");
        if (lines.length <= max) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOf(lines, max)) + "\n... " + (lines.length - max)
                + " more lines";
    }
}
