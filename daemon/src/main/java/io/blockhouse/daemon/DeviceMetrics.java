package io.blockhouse.daemon;

import io.blockhouse.backend.SpaceUsage;
import io.blockhouse.metrics.MetricsSource;
import io.blockhouse.metrics.PrometheusText;
import io.blockhouse.scsi.stats.LatencyHistogram;
import io.blockhouse.scsi.stats.UnitIoStats;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics of every open device (= logical unit), labelled {@code device}: I/O operations, bytes, latency histograms,
 * errors by sense key and other failed statuses, and back-end space (size, allocated bytes and free space of the
 * file system for file back-ends).
 */
final class DeviceMetrics implements MetricsSource {

    private static final Logger log = LoggerFactory.getLogger(DeviceMetrics.class);

    /** Label values of the sense keys, index = key; null for the reserved key 0Ch. */
    static final String[] SENSE_KEYS = {
        "no_sense", "recovered_error", "not_ready", "medium_error", "hardware_error", "illegal_request",
        "unit_attention", "data_protect", "blank_check", "vendor_specific", "copy_aborted", "aborted_command",
        null, "volume_overflow", "miscompare", "completed",
    };
    private static final double[] BOUNDS = LatencyHistogram.boundsSeconds();

    private final Supplier<List<StorageStack.Device>> devices;

    DeviceMetrics(Supplier<List<StorageStack.Device>> devices) {
        this.devices = devices;
    }

    @Override
    public void collect(PrometheusText out) {
        PrometheusText.Family readOps = out.counter("blockhouse_device_read_commands_total",
                "READ commands completed by the device (any status but TASK ABORTED).");
        PrometheusText.Family writeOps = out.counter("blockhouse_device_write_commands_total",
                "WRITE, WRITE AND VERIFY and WRITE ATOMIC commands completed by the device (any status but TASK "
                        + "ABORTED).");
        PrometheusText.Family otherOps = out.counter("blockhouse_device_other_commands_total",
                "Other SCSI commands completed by the device.");
        PrometheusText.Family readBytes = out.counter("blockhouse_device_read_bytes_total",
                "Bytes read by READ commands that ended GOOD.");
        PrometheusText.Family writtenBytes = out.counter("blockhouse_device_written_bytes_total",
                "Bytes written by write commands that ended GOOD.");
        PrometheusText.Family readLatency = out.histogram("blockhouse_device_read_latency_seconds",
                "Time from the SCSI layer receiving a READ to its result.");
        PrometheusText.Family writeLatency = out.histogram("blockhouse_device_write_latency_seconds",
                "Time from the SCSI layer receiving a write (all data in) to its result.");
        PrometheusText.Family errors = out.counter("blockhouse_device_errors_total",
                "Commands that ended with CHECK CONDITION, by sense key.");
        PrometheusText.Family statuses = out.counter("blockhouse_device_failed_status_total",
                "Commands that ended with BUSY, RESERVATION CONFLICT, TASK SET FULL or TASK ABORTED.");
        PrometheusText.Family size = out.gauge("blockhouse_device_size_bytes",
                "Capacity of the device as the initiators see it.");
        PrometheusText.Family allocated = out.gauge("blockhouse_device_allocated_bytes",
                "Space the back-end file occupies (less than the size when it is sparse); file back-ends only.");
        PrometheusText.Family free = out.gauge("blockhouse_device_filesystem_free_bytes",
                "Free space available in the file system holding the back-end file; file back-ends only.");
        PrometheusText.Family info = out.gauge("blockhouse_device_info",
                "One per device: its back-end kind and whether it is read-only.");
        for (StorageStack.Device d : devices.get()) {
            String name = d.config().name();
            UnitIoStats.Snapshot s = d.unit().ioStats().snapshot();
            readOps.sample(s.readOps(), "device", name);
            writeOps.sample(s.writeOps(), "device", name);
            otherOps.sample(s.otherOps(), "device", name);
            readBytes.sample(s.readBytes(), "device", name);
            writtenBytes.sample(s.writeBytes(), "device", name);
            readLatency.histogram(BOUNDS, s.readLatency().cumulative(), s.readLatency().sumSeconds(), "device", name);
            writeLatency.histogram(BOUNDS, s.writeLatency().cumulative(), s.writeLatency().sumSeconds(),
                    "device", name);
            for (int key = 0; key < SENSE_KEYS.length; key++) {
                if (SENSE_KEYS[key] != null) {
                    errors.sample(s.checkConditionsByKey()[key], "device", name, "sense_key", SENSE_KEYS[key]);
                }
            }
            for (UnitIoStats.FailedStatus f : UnitIoStats.FailedStatus.values()) {
                statuses.sample(s.failedStatuses()[f.ordinal()], "device", name, "status",
                        f.name().toLowerCase(Locale.ROOT));
            }
            size.sample(d.backend().size(), "device", name);
            info.sample(1, "device", name, "backend", d.config().backend(), "read_only",
                    Boolean.toString(d.config().readOnlyOrDefault()));
            if (d.backend() instanceof SpaceUsage space) {
                try {
                    allocated.sample(space.allocatedBytes(), "device", name);
                    free.sample(space.fileSystemFreeBytes(), "device", name);
                } catch (IOException e) {
                    // A device closed by a change racing with this scrape: its space is simply not reported.
                    log.debug("space of device {} not available: {}", name, e.getMessage());
                }
            }
        }
    }
}
