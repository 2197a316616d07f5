/**
 * Metrics in the Prometheus text exposition format (version 0.0.4): {@link io.blockhouse.metrics.PrometheusText}
 * writes it, {@link io.blockhouse.metrics.MetricsSource}s fill it, and {@link io.blockhouse.metrics.MetricsHttpServer}
 * serves it read-only on a TCP address for Prometheus to scrape (the management API socket serves it too).
 */
package io.blockhouse.metrics;
