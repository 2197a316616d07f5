package io.blockhouse.config;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus metrics listener. The management API socket always serves {@code GET /metrics}; this opens, in
 * addition, a plain-HTTP TCP listener that serves only that path, for a Prometheus server to scrape.
 *
 * @param listen "host:port" to listen on (numeric address, port required), or null for no TCP listener
 */
public record MetricsConfig(String listen) {

    /** The address to listen on, or null when there is no listener; only for a validated configuration. */
    public InetSocketAddress listenAddress() {
        return listen == null ? null : HostPort.parse(listen, -1);
    }

    /**
     * What is wrong with this section, each problem prefixed by its field path.
     *
     * @param iscsiListen the iSCSI listen addresses (the metrics listener must not take one of their ports)
     */
    List<String> problems(List<InetSocketAddress> iscsiListen) {
        List<String> problems = new ArrayList<>();
        if (listen == null) {
            return problems;
        }
        InetSocketAddress address;
        try {
            address = HostPort.parse(listen, -1);
        } catch (IllegalArgumentException e) {
            problems.add("metrics.listen: " + e.getMessage());
            return problems;
        }
        for (int i = 0; i < iscsiListen.size(); i++) {
            InetSocketAddress l = iscsiListen.get(i);
            boolean overlaps = l.getAddress().isAnyLocalAddress() || address.getAddress().isAnyLocalAddress()
                    || l.getAddress().equals(address.getAddress());
            if (l.getPort() == address.getPort() && overlaps) {
                problems.add("metrics.listen: " + listen + " takes the port of iSCSI listen[" + i + "] ("
                        + HostPort.format(l) + ")");
            }
        }
        return problems;
    }
}
