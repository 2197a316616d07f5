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
            m.add(new Menu.Entry("Sync configuration to flash now", () -> syncNow(ctx)));
            m.add(new Menu.Entry("Alerts", () -> alerts(ctx)));
            m.add(new Menu.Entry("Network settings", () -> NetworkScreen.menu(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Date, time and NTP", () -> ApplianceScreen.time(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Mail alerts", () -> ApplianceScreen.mail(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Users and passwords", () -> ApplianceScreen.password(ctx)));
            m.add(new Menu.Entry("Reboot or shut down", () -> ApplianceScreen.power(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("Support bundle", () -> ApplianceScreen.support(ctx).show(ctx.gui())));
        });
    }

    /**
     * Copies the configuration to the boot flash now. Off the appliance there is no flash: the daemon refuses
     * (not_appliance) and the dialog says so; the configuration is durable in the data directory anyway.
     */
    static void syncNow(Context ctx) {
        JsonNode state = ctx.read("Sync configuration", api -> api.post("/v1/sync", null));
        if (state != null) {
            ctx.refresh();
            Dialogs.info(ctx.gui(), "Sync configuration", state.path("message").asText("Done.") + "\n"
                    + io.blockhouse.tui.status.StatusView.flashLine(state));
        }
    }

    static void alerts(Context ctx) {
        JsonNode alerts = ctx.read("Alerts", api -> api.get("/v1/alerts"));
        if (alerts == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (int i = alerts.size() - 1; i >= 0; i--) {
            b.append(alerts.get(i).asText()).append('\n');
        }
        Dialogs.info(ctx.gui(), "Alerts (newest first)", b.length() == 0 ? "The appliance has raised no alerts since it booted."
                : tail(b.toString(), 16));
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
