package io.blockhouse.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds one exposition in the Prometheus text format, version 0.0.4: per family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, each family once and its samples together however the callers interleave
 * them. Label values and help text are escaped as the format asks (backslash, double quote in values, line feed).
 * Not thread-safe: one instance per scrape.
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Metric types of the format. */
    public enum Type { COUNTER, GAUGE, HISTOGRAM }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** One metric family: its header and the sample lines written so far. */
    public final class Family {
        private final String name;
        private final Type type;
        private final String help;
        private final List<String> lines = new ArrayList<>();

        private Family(String name, Type type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }

        /**
         * Adds a sample of a counter or gauge.
         *
         * @param labels label name, value, name, value...
         */
        public Family sample(double value, String... labels) {
            if (type == Type.HISTOGRAM) {
                throw new IllegalStateException(name + " is a histogram: use histogram(...)");
            }
            lines.add(name + labelSet(labels, null, null) + " " + number(value));
            return this;
        }

        /** Adds an integer sample of a counter or gauge (no rounding through double). */
        public Family sample(long value, String... labels) {
            if (type == Type.HISTOGRAM) {
                throw new IllegalStateException(name + " is a histogram: use histogram(...)");
            }
            lines.add(name + labelSet(labels, null, null) + " " + value);
            return this;
        }

        /**
         * Adds one histogram: a {@code _bucket} line per bound plus {@code le="+Inf"}, then {@code _sum} and
         * {@code _count}.
         *
         * @param bounds     upper bounds, ascending
         * @param cumulative observations at or below each bound, then the total; non-decreasing
         * @param sum        sum of all observations
         * @param labels     label name, value, ... (not "le")
         */
        public Family histogram(double[] bounds, long[] cumulative, double sum, String... labels) {
            if (type != Type.HISTOGRAM) {
                throw new IllegalStateException(name + " is not a histogram");
            }
            if (cumulative.length != bounds.length + 1) {
                throw new IllegalArgumentException(name + ": " + bounds.length + " bounds need "
                        + (bounds.length + 1) + " cumulative counts, got " + cumulative.length);
            }
            for (int i = 0; i < cumulative.length; i++) {
                String le = i < bounds.length ? number(bounds[i]) : "+Inf";
                lines.add(name + "_bucket" + labelSet(labels, "le", le) + " " + cumulative[i]);
            }
            lines.add(name + "_sum" + labelSet(labels, null, null) + " " + number(sum));
            lines.add(name + "_count" + labelSet(labels, null, null) + " " + cumulative[cumulative.length - 1]);
            return this;
        }
    }

    /** The counter family {@code name} (which must end in "_total"), declared on first use. */
    public Family counter(String name, String help) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end in _total: " + name);
        }
        return family(name, Type.COUNTER, help);
    }

    public Family gauge(String name, String help) {
        return family(name, Type.GAUGE, help);
    }

    public Family histogram(String name, String help) {
        return family(name, Type.HISTOGRAM, help);
    }

    private Family family(String name, Type type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        Family f = families.get(name);
        if (f == null) {
            f = new Family(name, type, help);
            families.put(name, f);
        } else if (f.type != type) {
            throw new IllegalArgumentException(name + " declared as " + f.type + " and " + type);
        }
        return f;
    }

    private static String labelSet(String[] labels, String extraName, String extraValue) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        if (labels.length == 0 && extraName == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < labels.length; i += 2) {
            appendLabel(b, labels[i], labels[i + 1]);
        }
        if (extraName != null) {
            appendLabel(b, extraName, extraValue);
        }
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void appendLabel(StringBuilder b, String name, String value) {
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a label name: " + name);
        }
        b.append(name).append("=\"").append(escapeLabelValue(value == null ? "" : value)).append("\",");
    }

    /** A label value with backslash, double quote and line feed escaped. */
    static String escapeLabelValue(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Help text with backslash and line feed escaped (double quotes stay as they are in HELP). */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A float the way the format reads it: NaN, +Inf, -Inf or a plain decimal. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The exposition: every family declared, in declaration order, with its samples; ends with a line feed. */
    public String render() {
        StringBuilder b = new StringBuilder(4096);
        for (Family f : families.values()) {
            b.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
            b.append("# TYPE ").append(f.name).append(' ').append(f.type.name().toLowerCase(java.util.Locale.ROOT))
                    .append('\n');
            for (String line : f.lines) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Runs every source on a fresh exposition and renders it. */
    public static String scrape(List<MetricsSource> sources) {
        PrometheusText text = new PrometheusText();
        for (MetricsSource s : sources) {
            s.collect(text);
        }
        return text.render();
    }
}
