package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.HostChecks;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * System menus for the appliance itself: date/time and NTP, mail alerts and a test mail, root's password,
 * reboot/shutdown and support bundles. Everything goes through the daemon's /v1/host routes; off the appliance the
 * daemon checks the request and then refuses (not_appliance), which the console shows in a dialog.
 */
public final class ApplianceScreen {

    private ApplianceScreen() {
    }

    public static Menu time(Context ctx) {
        return new Menu("Date, time and NTP", "The clock and who sets it", m -> {
            m.add(new Menu.Entry("Show the time", () -> showTime(ctx)));
            m.add(new Menu.Entry("Zone and NTP servers", () -> setTime(ctx)));
        });
    }

    static void showTime(Context ctx) {
        JsonNode t = ctx.read("Date and time", api -> api.get("/v1/host/time"));
        if (t != null) {
            List<String> servers = new ArrayList<>();
            t.path("ntpServers").forEach(s -> servers.add(s.asText()));
            Dialogs.info(ctx.gui(), "Date and time", "Local time: " + t.path("local").asText() + " ("
                    + t.path("timezone").asText() + ")\nUTC: " + t.path("now").asText() + "\nNTP servers: "
                    + (servers.isEmpty() ? "none" : String.join(", ", servers)) + (t.path("ntpRunning").asBoolean()
                    ? " (ntpd running)" : ""));
        }
    }

    static void setTime(Context ctx) {
        JsonNode t = ctx.read("Date and time", api -> api.get("/v1/host/time"));
        if (t == null) {
            return;
        }
        List<String> servers = new ArrayList<>();
        t.path("ntpServers").forEach(s -> servers.add(s.asText()));
        new Form("Zone and NTP servers").intro("An IANA zone such as Europe/Berlin (or UTC); NTP servers separated "
                        + "by commas. On the appliance busybox ntpd follows them.")
                .text("timezone", "Time zone", t.path("timezone").asText("UTC"), HostChecks::timezone)
                .text("ntp", "NTP servers", String.join(", ", servers), HostChecks::hosts)
                .show(ctx.gui(), v -> {
                    ObjectNode b = Lists.object().put("timezone", v.text("timezone") == null ? "UTC"
                            : v.text("timezone"));
                    ArrayNode a = b.putArray("ntpServers");
                    Lists.split(v.text("ntp")).forEach(a::add);
                    return ctx.change("Time settings", true, api -> api.put("/v1/host/time", b));
                });
    }

    public static Menu mail(Context ctx) {
        return new Menu("Mail alerts", "SMTP relay and a test mail", m -> {
            m.add(new Menu.Entry("Relay and recipients", () -> setMail(ctx)));
            m.add(new Menu.Entry("Send a test mail", () -> testMail(ctx)));
        });
    }

    static void setMail(Context ctx) {
        JsonNode m = ctx.read("Mail alerts", api -> api.get("/v1/host/mail"));
        if (m == null) {
            return;
        }
        List<String> to = new ArrayList<>();
        m.path("to").forEach(x -> to.add(x.asText()));
        new Form("Mail alerts").intro("Alerts go through this SMTP relay (no login, no TLS: a relay on the "
                        + "management network).")
                .text("host", "Relay host", m.path("relayHost").asText(""), HostChecks::host)
                .text("port", "Relay port", m.path("relayPort").asText("25"), HostChecks::port)
                .text("from", "From", m.path("from").asText(""), HostChecks::mail)
                .text("to", "To", String.join(", ", to), HostChecks::mails)
                .show(ctx.gui(), v -> {
                    ObjectNode b = Lists.object().put("relayHost", v.text("host"))
                            .put("relayPort", Integer.parseInt(v.text("port"))).put("from", v.text("from"));
                    ArrayNode a = b.putArray("to");
                    Lists.split(v.text("to")).forEach(a::add);
                    return ctx.change("Mail alerts", true, api -> api.put("/v1/host/mail", b));
                });
    }

    static void testMail(Context ctx) {
        JsonNode sent = ctx.read("Test mail", api -> api.post("/v1/host/mail/test", Lists.object()));
        if (sent != null) {
            List<String> to = new ArrayList<>();
            sent.path("to").forEach(x -> to.add(x.asText()));
            Dialogs.info(ctx.gui(), "Test mail", "Sent: the relay accepted the test mail for " + String.join(", ", to)
                    + ".");
        }
    }

    static void password(Context ctx) {
        new Form("Root password").intro("The console and serial login of the appliance. At least 10 characters, "
                        + "three kinds of lower case, upper case, digits and others.")
                .secret("password", "New password", null, ApplianceScreen::strong)
                .secret("again", "Again", null, null)
                .show(ctx.gui(), v -> {
                    if (!v.text("password").equals(v.text("again") == null ? "" : v.text("again"))) {
                        Dialogs.info(ctx.gui(), "Root password", "The two entries differ.");
                        return false;
                    }
                    return ctx.change("Root password", true, api -> api.put("/v1/host/users/root/password",
                            Lists.object().put("password", v.text("password"))));
                });
    }

    static String strong(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        if (v.length() < 10) {
            return "at least 10 characters";
        }
        int kinds = (v.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (v.chars().anyMatch(Character::isUpperCase)
                ? 1 : 0) + (v.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (v.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        return kinds < 3 ? "use three kinds of: lower case, upper case, digits, others" : null;
    }

    public static Menu power(Context ctx) {
        return new Menu("Reboot or shut down", "The configuration is synced to the flash first", m -> {
            m.add(new Menu.Entry("Reboot", () -> power(ctx, "reboot", "Reboot")));
            m.add(new Menu.Entry("Shut down (power off)", () -> power(ctx, "poweroff", "Shut down")));
        });
    }

    static void power(Context ctx, String action, String title) {
        if (!Dialogs.confirm(ctx.gui(), title, title + " the appliance? Every iSCSI session ends; the "
                + "configuration is synced to the flash first.")) {
            return;
        }
        JsonNode done = ctx.read(title, api -> api.post("/v1/host/power", Lists.object().put("action", action)));
        if (done != null) {
            Dialogs.info(ctx.gui(), title, title + " in 2 seconds (configuration synced: "
                    + done.path("synced").asBoolean() + ").");
        }
    }

    public static Menu support(Context ctx) {
        return new Menu("Support bundle", "Logs, configuration (secrets removed), disks, network", m -> {
            m.add(new Menu.Entry("Create a support bundle", () -> createBundle(ctx)));
            m.add(new Menu.Entry("Bundles kept", () -> listBundles(ctx)));
        });
    }

    static void createBundle(Context ctx) {
        JsonNode b = ctx.read("Support bundle", api -> api.post("/v1/host/support-bundle", Lists.object()));
        if (b != null) {
            Dialogs.info(ctx.gui(), "Support bundle", "Saved as " + b.path("path").asText() + " ("
                    + Text.size(b.path("size").asLong()) + "). CHAP secrets and password hashes are removed. "
                    + "Download: GET /v1/host/support-bundle/" + b.path("name").asText() + " on the API socket.");
        }
    }

    static void listBundles(Context ctx) {
        JsonNode list = ctx.read("Support bundles", api -> api.get("/v1/host/support-bundle"));
        if (list != null) {
            StringBuilder s = new StringBuilder();
            list.forEach(b -> s.append(b.path("name").asText()).append("  ").append(Text.size(b.path("size")
                    .asLong())).append('\n'));
            Dialogs.info(ctx.gui(), "Support bundles", s.length() == 0 ? "None yet." : s.toString());
        }
    }
}
