package io.blockhouse.tui.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IoRatesTest {

    private static final long SECOND = 1_000_000_000L;

    private static String scrape(String device, long reads, long writes, long readBytes, long writtenBytes) {
        return "# HELP blockhouse_device_read_commands_total READ commands.\n"
                + "# TYPE blockhouse_device_read_commands_total counter\n"
                + "blockhouse_device_read_commands_total{device=\"" + device + "\"} " + reads + "\n"
                + "blockhouse_device_write_commands_total{device=\"" + device + "\"} " + writes + "\n"
                + "blockhouse_device_other_commands_total{device=\"" + device + "\"} 999\n"
                + "blockhouse_device_read_bytes_total{device=\"" + device + "\"} " + readBytes + "\n"
                + "blockhouse_device_written_bytes_total{device=\"" + device + "\"} " + writtenBytes + "\n"
                + "blockhouse_device_read_latency_seconds_bucket{device=\"" + device + "\",le=\"0.001\"} 5\n";
    }

    @Test
    void ratesAreTheCounterDeltasOverTheTimeBetweenScrapes() {
        IoRates rates = new IoRates();
        assertTrue(rates.update(scrape("d1", 100, 50, 4096, 8192), 10 * SECOND).get("d1").iops().isEmpty());
        IoRates.Rates r = rates.update(scrape("d1", 300, 250, 4096 + 400_000, 8192 + 400_000), 12 * SECOND)
                .get("d1");
        assertEquals(List.of(200.0), r.iops(), "400 more commands in 2 s");
        assertEquals(400_000.0, r.currentBytesPerSecond(), "800 000 more bytes in 2 s");
    }

    @Test
    void aCounterThatWentDownStartsTheHistoryOver() {
        IoRates rates = new IoRates();
        rates.update(scrape("d1", 10, 0, 0, 0), 0);
        rates.update(scrape("d1", 20, 0, 0, 0), SECOND);
        assertEquals(1, rates.update(scrape("d1", 30, 0, 0, 0), 2 * SECOND).get("d1").iops().size() - 1);
        // the daemon restarted: counters from zero again
        assertTrue(rates.update(scrape("d1", 5, 0, 0, 0), 3 * SECOND).get("d1").iops().isEmpty());
        assertEquals(List.of(5.0), rates.update(scrape("d1", 10, 0, 0, 0), 4 * SECOND).get("d1").iops());
    }

    @Test
    void historyIsBoundedAndRemovedDevicesAreForgotten() {
        IoRates rates = new IoRates();
        for (int i = 0; i <= IoRates.HISTORY + 5; i++) {
            rates.update(scrape("d1", i * 10L, 0, 0, 0), i * SECOND);
        }
        assertEquals(IoRates.HISTORY, rates.update(scrape("d1", 1000, 0, 0, 0), 100 * SECOND).get("d1").iops()
                .size());
        Map<String, IoRates.Rates> none = rates.update(scrape("d2", 1, 0, 0, 0), 101 * SECOND);
        assertEquals(List.of("d2"), List.copyOf(none.keySet()));
    }

    @Test
    void labelValuesAreUnescaped() {
        Map<String, double[]> totals = IoRates.parse(scrape("we\\\"ird\\\\name", 1, 2, 3, 4));
        assertArrayEquals(new double[] {3, 7}, totals.get("we\"ird\\name"));
    }

    @Test
    void sparklinesScaleToTheirMaximumWithTheNewestOnTheRight() {
        assertEquals("   _+@", IoRates.sparkline(List.of(0.0, 50.0, 100.0), 6, true));
        assertEquals("\u2581\u2585\u2588", IoRates.sparkline(List.of(0.0, 50.0, 100.0), 3, false));
        assertEquals("+@", IoRates.sparkline(List.of(7.0, 50.0, 100.0), 2, true));
        assertEquals("__", IoRates.sparkline(List.of(0.0, 0.0), 2, true));
    }
}
