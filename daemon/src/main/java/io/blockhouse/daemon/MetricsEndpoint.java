package io.blockhouse.daemon;

import io.blockhouse.config.MetricsConfig;
import io.blockhouse.metrics.MetricsHttpServer;
import io.blockhouse.mgmt.MgmtException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The optional TCP metrics listener as the configuration asks for it ({@code "metrics": {"listen": ...}}). A live
 * change binds the new address first ({@link #prepare}), so a port in use refuses the change before anything else
 * of it is applied; the old listener is closed when the change is committed. Guarded by the live runtime's lock.
 */
final class MetricsEndpoint implements AutoCloseable {

    private final Supplier<String> exposition;
    private InetSocketAddress address;
    private MetricsHttpServer server;

    /** A prepared switch to another listener: {@link #commit} or {@link #abandon}, exactly once. */
    interface Change {
        void commit();

        void abandon();
    }

    private static final Change NOTHING = new Change() {
        @Override
        public void commit() {
        }

        @Override
        public void abandon() {
        }
    };

    MetricsEndpoint(Supplier<String> exposition) {
        this.exposition = exposition;
    }

    /** Starts the listener of {@code config} (at daemon start). */
    void start(MetricsConfig config) throws IOException {
        InetSocketAddress wanted = config == null ? null : config.listenAddress();
        if (wanted != null) {
            server = MetricsHttpServer.start(wanted, exposition);
            address = wanted;
        }
    }

    /** The bound listener's address, or null when there is none. */
    InetSocketAddress boundAddress() {
        return server == null ? null : server.address();
    }

    /**
     * Binds the listener {@code next} asks for, if it differs from the current one.
     *
     * @throws MgmtException when the new address cannot be bound (nothing changed)
     */
    Change prepare(MetricsConfig next) throws MgmtException {
        InetSocketAddress wanted = next == null ? null : next.listenAddress();
        if (Objects.equals(wanted, address)) {
            return NOTHING;
        }
        MetricsHttpServer started = null;
        if (wanted != null) {
            try {
                started = MetricsHttpServer.start(wanted, exposition);
            } catch (IOException e) {
                throw new MgmtException(MgmtException.Kind.FAILED, "listen_failed",
                        "metrics.listen: " + e.getMessage(), e);
            }
        }
        MetricsHttpServer fresh = started;
        return new Change() {
            @Override
            public void commit() {
                if (server != null) {
                    server.close();
                }
                server = fresh;
                address = wanted;
            }

            @Override
            public void abandon() {
                if (fresh != null) {
                    fresh.close();
                }
            }
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
            address = null;
        }
    }
}
