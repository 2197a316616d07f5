package io.blockhouse.daemon;

import ch.qos.logback.classic.LoggerContext;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.mgmt.ApiSectionApplier;
import io.blockhouse.mgmt.ApiServer;
import io.blockhouse.mgmt.ConfigEdits;
import io.blockhouse.mgmt.ConfigGeneration;
import io.blockhouse.mgmt.ConfigService;
import io.blockhouse.mgmt.ConfigStore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point of {@code blockhouse-daemon.jar}. Exit codes: 0 after an orderly shutdown, 1 when the target could
 * not start (e.g. a device or port cannot be opened), 2 for a bad command line or configuration.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        BufferPoolSizing.applyDefaults();
        int code = run(args, System.err);
        if (code != 0) {
            stopLogging();
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream err) {
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(args);
        } catch (DaemonOptions.UsageException e) {
            err.println("blockhouse-daemon: " + e.getMessage());
            err.println(DaemonOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            err.println(DaemonOptions.USAGE);
            return 0;
        }
        Running running;
        try {
            running = start(options);
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            return 1;
        }
        awaitTermination();
        running.close();
        stopLogging();
        return 0;
    }

    /** The parts of a started daemon, closed in reverse order. */
    private record Running(Daemon daemon, ApiServer api) {
        void close() {
            api.close();
            daemon.close();
        }
    }

    /**
     * Loads the current configuration generation (seeding the store from --config or the embedded default when it
     * is empty), starts the target on it and opens the management API.
     */
    private static Running start(DaemonOptions options) throws ConfigException, IOException {
        DataDirectory dataDir = DataDirectory.open(options.dataDir());
        ConfigStore store = ConfigStore.open(dataDir.root().resolve("config"), options.keepGenerations());
        ConfigGeneration generation = store.latest().orElse(null);
        if (generation == null) {
            BlockhouseConfig seed = options.configFile() == null ? ConfigLoader.defaultConfig()
                    : ConfigLoader.load(options.configFile());
            seed = withListen(seed, options);
            generation = store.append(seed, "initial configuration from " + (options.configFile() == null
                    ? "the embedded default" : options.configFile()));
            log.info("config store {} seeded: generation {}", store.directory(), generation.number());
        } else {
            if (options.configFile() != null) {
                log.warn("--config {} ignored: the config store holds generation {} (use `blockhouse config "
                        + "import` to load a file)", options.configFile(), generation.number());
            }
            BlockhouseConfig listened = withListen(generation.config(), options);
            if (!listened.listen().equals(generation.config().listen())) {
                generation = store.append(listened, "listen addresses from the command line: " + options.listen());
            }
        }
        log.info("data directory {}, configuration generation {} ({})", dataDir.root(), generation.number(),
                generation.summary());
        BufferPoolSizing.logEffective();
        Daemon daemon = Daemon.start(generation.config(), dataDir);
        try {
            ApiSectionApplier live = new ApiSectionApplier(daemon.live());
            ConfigService service = new ConfigService(store, generation, live,
                    new ConfigEdits(dataDir.root(), options.allowedRoots()));
            service.setScstImporter(new ScstImport());
            daemon.reportConfigGeneration(() -> service.current().number());
            service.setMetrics(daemon::metricsText);
            AluaRecorder.attach(service, daemon.targetPortGroups());
            ApiServer api = ApiServer.start(dataDir.root().resolve(ApiServer.SOCKET_NAME), service,
                    generation.config().api());
            live.attach(api);
            return new Running(daemon, api);
        } catch (IOException | ConfigException | RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    private static BlockhouseConfig withListen(BlockhouseConfig config, DaemonOptions options)
            throws ConfigException {
        if (options.listen().isEmpty()) {
            return config;
        }
        return ConfigLoader.parse(ConfigLoader.toJson(config.withListen(options.listen())), "--listen");
    }

    /**
     * Blocks until SIGTERM or SIGINT. The signals are handled here rather than by a shutdown hook so that the
     * orderly shutdown runs on the main thread and the process exits 0 (a JVM ended by a signal exits 143).
     */
    private static void awaitTermination() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received", signal.getName());
                    stop.countDown();
                });
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Flushes and stops Logback; its own shutdown hook is disabled so the last lines of a shutdown are kept. */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
