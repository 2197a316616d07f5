package io.blockhouse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void familiesHaveHelpAndTypeAndKeepTheirSamplesTogether() {
        PrometheusText t = new PrometheusText();
        PrometheusText.Family a = t.counter("x_reads_total", "Reads.");
        PrometheusText.Family b = t.gauge("x_sessions", "Sessions.");
        a.sample(1, "device", "d0");
        b.sample(2, "target", "t0");
        a.sample(3, "device", "d1");
        t.counter("x_reads_total", "Reads.").sample(4, "device", "d2");
        assertEquals("""
                # HELP x_reads_total Reads.
                # TYPE x_reads_total counter
                x_reads_total{device="d0"} 1
                x_reads_total{device="d1"} 3
                x_reads_total{device="d2"} 4
                # HELP x_sessions Sessions.
                # TYPE x_sessions gauge
                x_sessions{target="t0"} 2
                """, t.render());
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeed() {
        PrometheusText t = new PrometheusText();
        t.gauge("x_info", "Info.").sample(1, "name", "a\\b\"c\nd", "empty", "");
        assertTrue(t.render().contains("x_info{name=\"a\\\\b\\\"c\\nd\",empty=\"\"} 1\n"), t.render());
        assertEquals("a\\\\b", PrometheusText.escapeLabelValue("a\\b"));
        assertEquals("tab\tstays", PrometheusText.escapeLabelValue("tab\tstays"));
    }

    @Test
    void helpEscapesBackslashAndLineFeedButNotQuotes() {
        PrometheusText t = new PrometheusText();
        t.gauge("x_g", "Two\nlines with \\ and \"quotes\".").sample(0);
        assertTrue(t.render().startsWith("# HELP x_g Two\\nlines with \\\\ and \"quotes\".\n"), t.render());
    }

    @Test
    void histogramsWriteCumulativeBucketsWithInfSumAndCount() {
        PrometheusText t = new PrometheusText();
        t.histogram("x_latency_seconds", "Latency.")
                .histogram(new double[] {0.00005, 0.5, 10}, new long[] {1, 3, 3, 4}, 12.25, "device", "d0");
        assertEquals("""
                # HELP x_latency_seconds Latency.
                # TYPE x_latency_seconds histogram
                x_latency_seconds_bucket{device="d0",le="0.00005"} 1
                x_latency_seconds_bucket{device="d0",le="0.5"} 3
                x_latency_seconds_bucket{device="d0",le="10"} 3
                x_latency_seconds_bucket{device="d0",le="+Inf"} 4
                x_latency_seconds_sum{device="d0"} 12.25
                x_latency_seconds_count{device="d0"} 4
                """, t.render());
    }

    @Test
    void numbersAreWrittenTheWayTheFormatReadsThem() {
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals("3", PrometheusText.number(3.0));
        assertEquals("0.0001", PrometheusText.number(1e-4));
        assertEquals("1763958000.123", PrometheusText.number(1763958000.123));
        PrometheusText t = new PrometheusText();
        t.counter("x_bytes_total", "Bytes.").sample(Long.MAX_VALUE);
        assertTrue(t.render().contains("x_bytes_total " + Long.MAX_VALUE + "\n"));
    }

    @Test
    void badNamesAndMisuseAreRefused() {
        PrometheusText t = new PrometheusText();
        assertThrows(IllegalArgumentException.class, () -> t.counter("x_reads", "no _total"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("1x", "bad name"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("x-y", "bad name"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("x", "h").sample(1, "bad-label", "v"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("x", "h").sample(1, "__reserved", "v"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("x", "h").sample(1, "odd"));
        t.counter("x_total", "h");
        assertThrows(IllegalArgumentException.class, () -> t.gauge("x_total", "h")); // declared with two types
        assertThrows(IllegalStateException.class, () -> t.histogram("h_seconds", "h").sample(1));
        assertThrows(IllegalArgumentException.class,
                () -> t.histogram("h_seconds", "h").histogram(new double[] {1}, new long[] {1}, 0));
    }

    @Test
    void scrapeRunsEverySourceOnOneExposition() {
        MetricsSource one = out -> out.gauge("x_one", "One.").sample(1);
        MetricsSource two = out -> out.gauge("x_one", "One.").sample(2, "k", "v");
        String text = PrometheusText.scrape(List.of(one, two));
        assertEquals("# HELP x_one One.\n# TYPE x_one gauge\nx_one 1\nx_one{k=\"v\"} 2\n", text);
    }
}
