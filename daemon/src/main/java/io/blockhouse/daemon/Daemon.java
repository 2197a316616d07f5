package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.HostPort;
import io.blockhouse.iscsi.server.BusyPolling;
import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.mgmt.LiveApplier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running target: storage opened from the configuration, the iSCSI server listening. {@link #close()} is the
 * orderly shutdown SIGTERM triggers: stop accepting, let in-flight commands finish, flush and close the storage.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final ExecutorService io;
    private final StorageStack storage;
    private final IscsiServer server;
    private final LiveRuntime runtime;
    private final DaemonMetrics metrics;
    private final MetricsEndpoint metricsEndpoint;
    private final IdleMemoryRelease idleRelease;

    private Daemon(ExecutorService io, StorageStack storage, IscsiServer server, LiveRuntime runtime,
                   DaemonMetrics metrics, MetricsEndpoint metricsEndpoint, IdleMemoryRelease idleRelease) {
        this.io = io;
        this.storage = storage;
        this.server = server;
        this.runtime = runtime;
        this.metrics = metrics;
        this.metricsEndpoint = metricsEndpoint;
        this.idleRelease = idleRelease;
    }

    /** The Prometheus text of every metric (what {@code GET /metrics} answers). */
    public String metricsText() {
        return metrics.scrape();
    }

    /** Connects the configuration generation number to the metrics. */
    public void reportConfigGeneration(java.util.function.LongSupplier current) {
        metrics.configGeneration(current);
    }

    /** The target port groups (ALUA) every target port shares. */
    io.blockhouse.scsi.alua.TargetPortGroups targetPortGroups() {
        return runtime.targetPortGroups();
    }

    /** What the management plane changes: devices, the catalog, the live sessions. */
    public LiveApplier live() {
        return runtime;
    }

    /** Opens the storage and starts serving; on failure everything opened so far is closed again. */
    public static Daemon start(BlockhouseConfig config, DataDirectory dataDir) throws IOException {
        List<InetSocketAddress> listen = new ArrayList<>();
        for (String address : config.listen()) {
            listen.add(HostPort.parse(address, 3260));
        }
        ExecutorService io = Executors.newFixedThreadPool(ioThreads(), new IoThreadFactory());
        StorageStack storage = null;
        IscsiServer server = null;
        try {
            storage = StorageStack.open(config.devices(), dataDir, io, config.iscsi().taskSetSizeOrDefault());
            LiveRuntime runtime = new LiveRuntime(storage, config, listen);
            server = new IscsiServer(runtime.catalog(), config.iscsi().toSettings(), config.iscsi().toLimits(),
                    BusyPolling.of(config.iscsi().pollMicrosOrDefault(), Runtime.getRuntime().availableProcessors()),
                    listen);
            server.start();
            runtime.attach(server);
            DaemonMetrics metrics = new DaemonMetrics(runtime);
            MetricsEndpoint endpoint = new MetricsEndpoint(metrics::scrape);
            endpoint.start(config.metrics());
            runtime.attach(endpoint);
            log.info("Blockhouse target ready: {} target(s), {} device(s), listening on {}",
                    config.targets().size(), config.devices().size(),
                    listen.stream().map(HostPort::format).toList());
            return new Daemon(io, storage, server, runtime, metrics, endpoint, IdleMemoryRelease.start(server));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (storage != null) {
                storage.close();
            }
            io.shutdownNow();
            throw e;
        }
    }

    /** Back-end I/O blocks in pread/pwrite/fdatasync, so it gets threads of its own, off the network event loops. */
    private static int ioThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        log.info("shutting down: draining in-flight commands");
        idleRelease.close();
        synchronized (runtime) {
            metricsEndpoint.close();
        }
        server.close();
        synchronized (runtime) {
            storage.close();
        }
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("back-end I/O threads still busy after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Blockhouse target stopped");
    }

    private static final class IoThreadFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "blockhouse-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
