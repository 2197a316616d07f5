package io.blockhouse.daemon;

import ch.qos.logback.classic.LoggerContext;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
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
        BlockhouseConfig config;
        try {
            config = options.configFile() == null ? ConfigLoader.defaultConfig()
                    : ConfigLoader.load(options.configFile());
            if (!options.listen().isEmpty()) {
                config = ConfigLoader.parse(ConfigLoader.toJson(config.withListen(options.listen())), "--listen");
            }
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return 2;
        }
        Daemon daemon;
        try {
            DataDirectory dataDir = DataDirectory.open(options.dataDir());
            log.info("data directory {}, configuration {}", dataDir.root(),
                    options.configFile() == null ? "(embedded default)" : options.configFile());
            daemon = Daemon.start(config, dataDir);
        } catch (IOException | RuntimeException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            return 1;
        }
        awaitTermination();
        daemon.close();
        stopLogging();
        return 0;
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
