package io.blockhouse.tui.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-device I/O rates for the main screen, derived from the daemon's Prometheus counters
 * ({@code blockhouse_device_{read,write}_commands_total}, {@code ..._read_bytes_total}, {@code ..._written_bytes_total})
 * between two refreshes. Keeps the last {@link #HISTORY} rates of each device for its sparkline. A counter that went
 * down (the device was removed and added again, or the daemon restarted) starts the device's history over.
 */
public final class IoRates {

    /** Samples kept per device: one per refresh, 2 s apart, so 40 s of history. */
    public static final int HISTORY = 20;

    /** One device's rates: operations and bytes per second, newest last. */
    public record Rates(List<Double> iops, List<Double> bytesPerSecond) {
        public double currentIops() {
            return iops.isEmpty() ? 0 : iops.get(iops.size() - 1);
        }

        public double currentBytesPerSecond() {
            return bytesPerSecond.isEmpty() ? 0 : bytesPerSecond.get(bytesPerSecond.size() - 1);
        }
    }

    private record Totals(double ops, double bytes, long atNanos) {
    }

    private final Map<String, Totals> last = new HashMap<>();
    private final Map<String, Deque<double[]>> history = new HashMap<>();

    /**
     * Takes one scrape of the metrics text, fetched at {@code atNanos} (System.nanoTime), and returns the rates of
     * every device it names, in the order the text names them.
     */
    public synchronized Map<String, Rates> update(String metricsText, long atNanos) {
        Map<String, double[]> totals = parse(metricsText);
        Map<String, Rates> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            String device = e.getKey();
            Totals now = new Totals(e.getValue()[0], e.getValue()[1], atNanos);
            Totals before = last.put(device, now);
            Deque<double[]> samples = history.computeIfAbsent(device, d -> new ArrayDeque<>());
            if (before != null && now.ops() >= before.ops() && now.bytes() >= before.bytes()
                    && now.atNanos() > before.atNanos()) {
                double seconds = (now.atNanos() - before.atNanos()) / 1e9;
                samples.addLast(new double[] {(now.ops() - before.ops()) / seconds,
                    (now.bytes() - before.bytes()) / seconds});
                while (samples.size() > HISTORY) {
                    samples.removeFirst();
                }
            } else if (before != null) {
                samples.clear();
            }
            out.put(device, new Rates(samples.stream().map(s -> s[0]).toList(),
                    samples.stream().map(s -> s[1]).toList()));
        }
        last.keySet().retainAll(totals.keySet());
        history.keySet().retainAll(totals.keySet());
        return out;
    }

    /** Device name to {operations, bytes} summed over reads and writes. */
    static Map<String, double[]> parse(String text) {
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int slot;
            if (line.startsWith("blockhouse_device_read_commands_total{")
                    || line.startsWith("blockhouse_device_write_commands_total{")) {
                slot = 0;
            } else if (line.startsWith("blockhouse_device_read_bytes_total{")
                    || line.startsWith("blockhouse_device_written_bytes_total{")) {
                slot = 1;
            } else {
                continue;
            }
            String device = label(line, "device");
            int space = line.lastIndexOf(' ');
            if (device == null || space < 0) {
                continue;
            }
            try {
                double value = Double.parseDouble(line.substring(space + 1).strip());
                totals.computeIfAbsent(device, d -> new double[2])[slot] += value;
            } catch (NumberFormatException e) {
                // a value this screen cannot read is left out rather than guessed
            }
        }
        return totals;
    }

    /** The value of label {@code name} in a sample line, with the exposition format's escapes undone. */
    static String label(String line, String name) {
        int at = line.indexOf(name + "=\"");
        if (at < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = at + name.length() + 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else if (c == '"') {
                return b.toString();
            } else {
                b.append(c);
            }
        }
        return null;
    }

    /** A sparkline of {@code values} scaled to their maximum, {@code width} characters, newest on the right. */
    public static String sparkline(List<Double> values, int width, boolean ascii) {
        String levels = ascii ? "_.-=+*#@" : "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
        List<Double> shown = values.subList(Math.max(0, values.size() - width), values.size());
        double max = shown.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder b = new StringBuilder(" ".repeat(width - shown.size()));
        for (double v : shown) {
            int level = max <= 0 ? 0 : (int) Math.round(v / max * (levels.length() - 1));
            b.append(levels.charAt(Math.max(0, Math.min(levels.length() - 1, level))));
        }
        return b.toString();
    }
}
