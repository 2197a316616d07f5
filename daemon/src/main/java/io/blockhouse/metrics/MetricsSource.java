package io.blockhouse.metrics;

/** Something that reports metrics: writes its families into the exposition being built. */
@FunctionalInterface
public interface MetricsSource {

    /** Adds this source's metric families and samples to {@code out}; called once per scrape. */
    void collect(PrometheusText out);
}
