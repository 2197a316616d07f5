package io.blockhouse.tui.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link StatusSnapshot} as the main screen's text, fitted to the terminal: targets with their sessions
 * (initiator, address), devices with sizes, vdisk file-system space, the configuration generation and alerts.
 * Sections are cut to the rows there are, keeping alerts visible.
 */
public final class StatusView {

    /** Width of a device's sparkline: one character per refresh. */
    static final int SPARK = IoRates.HISTORY;

    private StatusView() {
    }

    public static String render(StatusSnapshot s, int width, int rows) {
        return render(s, width, rows, false);
    }

    /** As {@link #render(StatusSnapshot, int, int)}; {@code ascii} draws the sparklines with ASCII characters. */
    public static String render(StatusSnapshot s, int width, int rows, boolean ascii) {
        List<String> alerts = alerts(s);
        List<String> lines = new ArrayList<>();
        lines.add(Text.fit("TARGETS", 44) + Text.fit("state", 10) + Text.fit("LUNs", 6) + "sessions");
        JsonNode targets = s.config().path("targets");
        if (targets.isEmpty()) {
            lines.add("  (no targets: Targets > Add target)");
        }
        for (JsonNode t : targets) {
            String name = t.path("name").asText();
            List<JsonNode> sess = sessionsOf(s, name);
            int luns = t.path("luns").size();
            for (JsonNode g : t.path("groups")) {
                luns += g.path("luns").size();
            }
            lines.add(" " + Text.fit(name, 43) + Text.fit(t.path("enabled").asBoolean(true) ? "enabled" : "DISABLED",
                    10) + Text.fit(String.valueOf(luns), 6) + sess.size()
                    + (t.hasNonNull("chap") ? "  chap" : ""));
            for (JsonNode x : sess) {
                lines.add("   <- " + Text.fit(x.path("initiator").asText(), 42) + " "
                        + Text.fit(x.path("address").asText(), 21) + " LUN " + join(x.path("luns")));
            }
        }
        lines.add(Text.fit("DEVICES", 19) + Text.fit("backend", 8) + Text.fit("size", 7) + Text.fit("IOPS", 8)
                + Text.fit("MB/s", 8) + Text.fit("IOPS, last 40 s", SPARK + 1) + "path");
        JsonNode devices = s.config().path("devices");
        if (devices.isEmpty()) {
            lines.add("  (no devices: Devices > Add device)");
        }
        for (JsonNode d : devices) {
            String name = d.path("name").asText();
            IoRates.Rates r = s.io() == null ? null : s.io().get(name);
            String iops = r == null ? "-" : String.format(java.util.Locale.ROOT, "%.0f", r.currentIops());
            String mbps = r == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", r.currentBytesPerSecond() / 1e6);
            String spark = r == null ? "" : IoRates.sparkline(r.iops(), SPARK, ascii);
            lines.add(" " + Text.fit(name, 18) + Text.fit(d.path("backend").asText(), 8)
                    + Text.fit(d.path("size").isMissingNode() || d.path("size").isNull() ? "-"
                    : d.path("size").asText(), 7) + Text.fit(iops, 8) + Text.fit(mbps, 8) + Text.fit(spark, SPARK + 1)
                    + d.path("path").asText(""));
        }
        if (s.filesystems() != null && !s.filesystems().isEmpty()) {
            lines.add(Text.fit("BACK-END SPACE", 37) + Text.fit("type", 7) + Text.fit("size", 8) + "free");
            for (JsonNode f : s.filesystems()) {
                lines.add(" " + Text.fit(f.path("mountpoint").asText(), 36) + Text.fit(f.path("type").asText(), 7)
                        + Text.fit(Text.size(f.path("size").asLong()), 8) + Text.size(f.path("free").asLong()));
            }
        }
        List<String> tail = new ArrayList<>();
        tail.add(flashLine(s.flashSync()) + "  Config generation " + s.generation() + " ("
                + shortTime(s.changedAt()) + "): " + s.summary());
        if (alerts.isEmpty()) {
            tail.add("Alerts: none");
        } else {
            // Alerts get at most half the rows, so the state they are about stays visible.
            int room = Math.max(1, rows / 2 - 2);
            tail.add("ALERTS (" + alerts.size() + "):");
            alerts.stream().limit(alerts.size() > room ? room - 1 : room).forEach(a -> tail.add(" ! " + a));
            if (alerts.size() > room) {
                tail.add("   ... and " + (alerts.size() - room + 1) + " more");
            }
        }
        int room = Math.max(1, rows - tail.size());
        List<String> out = new ArrayList<>(lines.size() > room
                ? lines.subList(0, room - 1) : lines);
        if (lines.size() > room) {
            out.add("  ... " + (lines.size() - room + 1) + " more lines (enlarge the terminal)");
        }
        out.addAll(tail.size() > rows ? tail.subList(0, rows) : tail);
        StringBuilder b = new StringBuilder();
        for (String line : out) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(line.length() > width ? line.substring(0, width) : line);
        }
        return b.toString();
    }

    private static List<JsonNode> sessionsOf(StatusSnapshot s, String target) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode x : s.sessions()) {
            if (x.path("target").asText().equalsIgnoreCase(target)) {
                out.add(x);
            }
        }
        return out;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }

    private static String shortTime(String iso) {
        int t = iso.indexOf('T');
        return t < 0 || iso.length() < t + 9 ? iso : iso.substring(0, 10) + " " + iso.substring(t + 1, t + 9);
    }

    /** One line on the configuration copy on the boot flash. */
    public static String flashLine(JsonNode sync) {
        if (sync == null) {
            return "Flash sync: unknown";
        }
        if (!sync.path("available").asBoolean()) {
            return "Flash sync: n/a (not on the appliance)";
        }
        String result = sync.path("result").asText("never");
        String gen = sync.hasNonNull("generation") ? " gen " + sync.path("generation").asText() : "";
        String state = switch (result) {
            case "ok" -> "saved" + gen + " " + shortTime(sync.path("lastSuccess").asText(""));
            case "restored" -> "restored" + gen + " at boot";
            case "failed" -> "FAILED: " + sync.path("error").asText("");
            case "none" -> "nothing saved yet";
            default -> result;
        };
        return "Flash sync: " + state + (sync.path("pending").asBoolean() ? ", changes pending" : "");
    }

    /** Conditions an operator should act on: what the appliance raised, then what the model and sessions show. */
    static List<String> alerts(StatusSnapshot s) {
        List<String> alerts = new ArrayList<>();
        if (s.raised() != null) {
            // newest first, at most a few: the full list is under System
            List<String> raised = s.raised();
            for (int i = raised.size() - 1; i >= Math.max(0, raised.size() - 5); i--) {
                alerts.add(raised.get(i));
            }
        }
        List<String> mapped = new ArrayList<>();
        for (JsonNode t : s.config().path("targets")) {
            String name = t.path("name").asText();
            t.path("luns").forEach(l -> mapped.add(l.path("device").asText()));
            t.path("groups").forEach(g -> g.path("luns").forEach(l -> mapped.add(l.path("device").asText())));
            if (!t.path("enabled").asBoolean(true)) {
                alerts.add("target " + name + " is disabled");
            } else if (t.path("luns").isEmpty() && t.path("groups").isEmpty()) {
                alerts.add("target " + name + " has no LUNs: initiators are refused at login");
            }
        }
        for (JsonNode d : s.config().path("devices")) {
            if (!mapped.contains(d.path("name").asText())) {
                alerts.add("device " + d.path("name").asText() + " is not mapped to any LUN");
            }
        }
        if (s.filesystems() != null) {
            for (JsonNode f : s.filesystems()) {
                long size = f.path("size").asLong();
                if (size > 0 && f.path("free").asLong() * 10 < size) {
                    alerts.add(f.path("mountpoint").asText() + " is more than 90% full");
                }
            }
        }
        return alerts;
    }
}
