package io.blockhouse.daemon;

import io.blockhouse.iscsi.admission.ConnectionAdmission;
import io.blockhouse.iscsi.admission.WriteBudget;
import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.metrics.MetricsSource;
import io.blockhouse.metrics.PrometheusText;
import io.blockhouse.scsi.admission.TaskSetBound;

/**
 * The resource limits at work (docs/RELIABILITY.md, "Resource exhaustion"): logins in progress and connections or
 * sessions refused, the write buffer budget, and per device the commands answered TASK SET FULL or BUSY.
 */
final class AdmissionMetrics implements MetricsSource {
    private final LiveRuntime runtime;

    AdmissionMetrics(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void collect(PrometheusText out) {
        IscsiServer server = runtime.server();
        if (server != null) {
            ConnectionAdmission a = server.admission();
            WriteBudget w = a.writeBudget();
            out.gauge("blockhouse_iscsi_logins_in_progress", "TCP connections that have not finished login.")
                    .sample(a.loginsInProgress());
            out.counter("blockhouse_iscsi_refused_connections_total",
                    "Connections closed at accept because iscsi.maxLoginsInProgress logins were under way.")
                    .sample(a.refusedConnections());
            out.counter("blockhouse_iscsi_refused_sessions_total",
                    "Logins refused with 03/02 out of resources because iscsi.maxSessions sessions existed.")
                    .sample(a.refusedSessions());
            out.gauge("blockhouse_iscsi_write_buffer_bytes", "Write data held in memory before the back-end write.")
                    .sample(w.heldBytes());
            out.gauge("blockhouse_iscsi_write_buffer_capacity_bytes", "The write buffer budget (iscsi.writeBufferMiB).")
                    .sample(w.capacityBytes());
            out.gauge("blockhouse_iscsi_write_buffer_peak_bytes", "The most write data ever held at once.")
                    .sample(w.peakBytes());
            out.gauge("blockhouse_iscsi_write_buffer_waiting", "Writes whose R2Ts wait for room in the budget.")
                    .sample(w.waiting());
            out.counter("blockhouse_iscsi_write_buffer_refused_total",
                    "Writes that brought their data unasked and were answered TASK SET FULL or BUSY for want of room.")
                    .sample(w.refusedClaims());
            out.counter("blockhouse_iscsi_write_buffer_delayed_total", "Writes whose R2Ts had to wait for room.")
                    .sample(w.delayedClaims());
        }
        PrometheusText.Family full = out.counter("blockhouse_lun_task_set_full_total",
                "Commands answered TASK SET FULL because the unit's task set (iscsi.taskSetSize) was full.");
        PrometheusText.Family busy = out.counter("blockhouse_lun_busy_total",
                "Commands answered BUSY because the unit's task set was full and their nexus had no task in it.");
        for (StorageStack.Device d : runtime.devices()) {
            TaskSetBound bound = d.unit().taskSetBound();
            full.sample(bound.taskSetFullCount(), "device", d.config().name());
            busy.sample(bound.busyCount(), "device", d.config().name());
        }
    }
}
