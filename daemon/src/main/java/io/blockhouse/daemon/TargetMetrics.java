package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.iscsi.session.Session;
import io.blockhouse.iscsi.stats.IscsiCounters;
import io.blockhouse.metrics.MetricsSource;
import io.blockhouse.metrics.PrometheusText;
import io.blockhouse.scsi.stats.LunCounters;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * iSCSI and LUN-mapping metrics: sessions and connections per target, outstanding commands, logins and their
 * failures (CHAP failures apart), Rejects by reason, header digest errors, the LUN map of every target
 * ({@code blockhouse_lun_info}) and read/write counters per target LUN, summed over all sessions of the target.
 */
final class TargetMetrics implements MetricsSource {

    private final LiveRuntime runtime;

    TargetMetrics(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void collect(PrometheusText out) {
        BlockhouseConfig config = runtime.appliedConfig();
        IscsiServer server = runtime.server();
        sessions(out, config, server);
        if (server != null) {
            protocol(out, server.counters());
        }
        lunMaps(out, config);
        lunCounters(out);
    }

    private static void sessions(PrometheusText out, BlockhouseConfig config, IscsiServer server) {
        Map<String, int[]> perTarget = new TreeMap<>(); // sessions, connections, outstanding commands
        for (TargetConfig t : config.targets()) {
            perTarget.put(t.name().toLowerCase(Locale.ROOT), new int[3]);
        }
        int discovery = 0;
        int tcp = 0;
        if (server != null) {
            tcp = server.connectionCount();
            for (Session s : server.sessions()) {
                if (s.discovery()) {
                    discovery++;
                    continue;
                }
                int[] n = perTarget.computeIfAbsent(s.target().name().toLowerCase(Locale.ROOT), k -> new int[3]);
                n[0]++;
                if (s.channel().isActive()) {
                    n[1]++;
                }
                n[2] += s.nexus() == null ? 0 : s.nexus().outstandingTasks();
            }
        }
        PrometheusText.Family sessions = out.gauge("blockhouse_iscsi_sessions",
                "Normal iSCSI sessions in full feature phase, per target.");
        PrometheusText.Family connections = out.gauge("blockhouse_iscsi_connections",
                "Connections of the target's sessions (one per session: MaxConnections=1).");
        PrometheusText.Family outstanding = out.gauge("blockhouse_iscsi_outstanding_commands",
                "SCSI commands submitted by the target's sessions and not answered yet.");
        perTarget.forEach((target, n) -> {
            sessions.sample(n[0], "target", target);
            connections.sample(n[1], "target", target);
            outstanding.sample(n[2], "target", target);
        });
        out.gauge("blockhouse_iscsi_discovery_sessions", "SendTargets discovery sessions open now.")
                .sample(discovery);
        out.gauge("blockhouse_iscsi_tcp_connections",
                "TCP connections to the iSCSI portals, logins in progress and discovery included.").sample(tcp);
    }

    private static void protocol(PrometheusText out, IscsiCounters c) {
        out.counter("blockhouse_iscsi_logins_total", "Logins that reached full feature phase, by session type.")
                .sample(c.logins(false), "session_type", "normal")
                .sample(c.logins(true), "session_type", "discovery");
        PrometheusText.Family failures = out.counter("blockhouse_iscsi_login_failures_total",
                "Logins refused (or timed out), by reason.");
        for (IscsiCounters.LoginFailure f : IscsiCounters.LoginFailure.values()) {
            failures.sample(c.loginFailures(f), "reason", f.label());
        }
        out.counter("blockhouse_iscsi_chap_failures_total",
                "Logins refused because the CHAP exchange failed (also counted as authentication failures).")
                .sample(c.chapFailures());
        PrometheusText.Family rejects = out.counter("blockhouse_iscsi_rejects_total",
                "Reject PDUs sent, by reason (data_digest_error counts Data-Out and command data digest errors).");
        for (String reason : IscsiCounters.rejectReasons()) {
            rejects.sample(c.rejects(reason), "reason", reason);
        }
        out.counter("blockhouse_iscsi_header_digest_errors_total",
                "PDUs whose header digest did not match (each closes its connection).")
                .sample(c.headerDigestErrors());
    }

    private static void lunMaps(PrometheusText out, BlockhouseConfig config) {
        PrometheusText.Family info = out.gauge("blockhouse_lun_info",
                "One per configured LUN mapping: target, LUN number, initiator group (empty: the target's default "
                        + "LUNs) and the device behind it.");
        for (TargetConfig t : config.targets()) {
            String target = t.name().toLowerCase(Locale.ROOT);
            for (LunConfig l : t.luns()) {
                info.sample(1, "target", target, "lun", Integer.toString(l.lun()), "group", "", "device", l.device());
            }
            for (GroupConfig g : t.groups()) {
                for (LunConfig l : g.luns()) {
                    info.sample(1, "target", target, "lun", Integer.toString(l.lun()), "group", g.name(),
                            "device", l.device());
                }
            }
        }
    }

    private void lunCounters(PrometheusText out) {
        PrometheusText.Family reads = out.counter("blockhouse_lun_read_commands_total",
                "READ commands through the target's LUN, all sessions.");
        PrometheusText.Family writes = out.counter("blockhouse_lun_write_commands_total",
                "Write commands through the target's LUN, all sessions.");
        PrometheusText.Family readBytes = out.counter("blockhouse_lun_read_bytes_total",
                "Bytes of READs that ended GOOD through the target's LUN.");
        PrometheusText.Family writtenBytes = out.counter("blockhouse_lun_written_bytes_total",
                "Bytes of writes that ended GOOD through the target's LUN.");
        PrometheusText.Family errors = out.counter("blockhouse_lun_errors_total",
                "Commands through the target's LUN that ended with CHECK CONDITION.");
        for (ConfiguredTarget t : runtime.catalog().current().targets()) {
            String target = t.name().toLowerCase(Locale.ROOT);
            for (LunCounters.Snapshot s : t.port().lunStatistics()) {
                String[] labels = {"target", target, "lun", Integer.toString(s.lun()), "device", s.device()};
                reads.sample(s.reads(), labels);
                writes.sample(s.writes(), labels);
                readBytes.sample(s.bytesRead(), labels);
                writtenBytes.sample(s.bytesWritten(), labels);
                errors.sample(s.errors(), labels);
            }
        }
    }
}
