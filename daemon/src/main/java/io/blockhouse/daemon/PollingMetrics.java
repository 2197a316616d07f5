package io.blockhouse.daemon;

import io.blockhouse.iscsi.server.BusyPolling;
import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.metrics.MetricsSource;
import io.blockhouse.metrics.PrometheusText;

/**
 * Busy polling of the iSCSI event loops (iscsi.pollMicros): how many polls found work and how many ran out. Many
 * misses mean the poll time buys little and costs CPU; many hits mean it saves a wake-up per command.
 */
final class PollingMetrics implements MetricsSource {
    private final LiveRuntime runtime;

    PollingMetrics(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void collect(PrometheusText out) {
        IscsiServer server = runtime.server();
        if (server == null) {
            return;
        }
        BusyPolling polling = server.polling();
        out.gauge("blockhouse_iscsi_poll_max_loops", "Event loops that may busy-poll at once (0: polling is off).")
                .sample(polling.maxPollers());
        out.counter("blockhouse_iscsi_poll_hits_total", "Busy polls that found work before iscsi.pollMicros ran out.")
                .sample(polling.hits());
        out.counter("blockhouse_iscsi_poll_misses_total", "Busy polls that ran out and let the event loop sleep.")
                .sample(polling.misses());
    }
}
