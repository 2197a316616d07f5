package io.blockhouse.daemon;

import io.blockhouse.metrics.MetricsSource;
import io.blockhouse.metrics.PrometheusText;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every metric of the daemon in one exposition: build and uptime, the configuration generation, then the devices
 * ({@link DeviceMetrics}) and targets ({@link TargetMetrics}). Served by the management API ({@code GET /metrics})
 * and by the optional TCP metrics listener.
 */
final class DaemonMetrics implements MetricsSource {

    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final List<MetricsSource> parts;
    private volatile LongSupplier generation;

    DaemonMetrics(LiveRuntime runtime) {
        this.parts = List.of(new DeviceMetrics(runtime::devices), new TargetMetrics(runtime),
                new AdmissionMetrics(runtime), new PollingMetrics(runtime));
    }

    /** Connects the configuration generation number (known once the management plane is up). */
    void configGeneration(LongSupplier current) {
        this.generation = current;
    }

    /** The whole exposition text. */
    String scrape() {
        return PrometheusText.scrape(List.of(this));
    }

    @Override
    public void collect(PrometheusText out) {
        out.gauge("blockhouse_build_info", "Version of the running daemon and of the Java runtime; always 1.")
                .sample(1, "version", version(), "java_version", System.getProperty("java.version", "unknown"));
        out.gauge("blockhouse_start_time_seconds", "When the daemon started, in seconds since the Unix epoch.")
                .sample(started.toEpochMilli() / 1000.0);
        out.gauge("blockhouse_uptime_seconds", "Seconds since the daemon started.")
                .sample((System.nanoTime() - startedNanos) / 1e9);
        LongSupplier g = generation;
        if (g != null) {
            out.gauge("blockhouse_config_generation", "Number of the configuration generation in force.")
                    .sample(g.getAsLong());
        }
        for (MetricsSource part : parts) {
            part.collect(out);
        }
    }

    /** The version the build wrote into the jar's manifest; "unknown" when run from classes (tests). */
    static String version() {
        String v = DaemonMetrics.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
