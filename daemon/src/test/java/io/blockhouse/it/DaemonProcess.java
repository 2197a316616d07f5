package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Blockhouse daemon jar running in its own JVM (with Netty's leak detector at paranoid level) on a free
 * loopback port, output captured to a log file. {@link #close()} stops it with SIGTERM and asserts a clean exit;
 * {@link #assertNoLeaks()} asserts Netty reported no ByteBuf leak.
 *
 * <p>The jar comes from system property {@value #JAR_PROPERTY}, which failsafe sets to the shaded jar built by
 * {@code package}.
 */
public final class DaemonProcess implements AutoCloseable {

    /** System property naming the daemon jar. */
    public static final String JAR_PROPERTY = "blockhouse.jar";
    /** Netty's marker for a leak report. */
    public static final String LEAK_MARKER = "LEAK:";
    /** The daemon's launcher script, produced next to the jar by {@code package}. */
    public static final String LAUNCHER = "blockhouse-daemon";

    /** A JVM start on a loaded 2-core machine; {@code -Dblockhouse.it.startTimeoutSeconds} raises it. */
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Integer.getInteger("blockhouse.it.startTimeoutSeconds", 30));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final Thread killer;
    private boolean closed;

    private DaemonProcess(Process process, int port, Path log, Path dataDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.killer = new Thread(process::destroyForcibly, "blockhouse-daemon-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Writes {@code config} (its "listen" set to the chosen port) to {@code workDir/config.json}, uses
     * {@code workDir/data} as data directory and starts the daemon, waiting until its port accepts TCP.
     */
    public static DaemonProcess start(DaemonConfig config, Path workDir) throws IOException, InterruptedException {
        int port = Ports.freePort();
        String listen = "127.0.0.1:" + port;
        Path configFile = config.listen(listen).writeTo(workDir.resolve("config.json"));
        return launch(workDir, port, false, "--config", configFile.toString());
    }

    /**
     * Like {@link #start}, with extra options for the daemon's JVM (e.g. {@code -Xmx96m}), placed before
     * {@code -jar}.
     */
    public static DaemonProcess startWithJvmOptions(DaemonConfig config, Path workDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port = Ports.freePort();
        Path configFile = config.listen("127.0.0.1:" + port).writeTo(workDir.resolve("config.json"));
        return launch(workDir, port, false, jvmOptions, "--config", configFile.toString());
    }

    /**
     * Like {@link #start}, but listening on 127.0.0.1 at each of {@code ports} (chosen by the caller, e.g. with
     * {@link Ports#freePort()}, so the configuration can name them as portals); {@link #port()} is the first.
     */
    public static DaemonProcess startOnPorts(DaemonConfig config, Path workDir, int... ports)
            throws IOException, InterruptedException {
        String[] listen = new String[ports.length];
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            listen[i] = "127.0.0.1:" + ports[i];
            if (i > 0) {
                args.addAll(List.of("--listen", listen[i]));
            }
        }
        Path configFile = config.listen(listen).writeTo(workDir.resolve("config.json"));
        args.addAll(List.of("--config", configFile.toString()));
        return launch(workDir, ports[0], false, args.toArray(String[]::new));
    }

    /**
     * Starts the daemon as the README's run command does, on its embedded default configuration, with only the
     * listen address (a free loopback port) and the data directory ({@code workDir/data}) overridden.
     */
    public static DaemonProcess startEmbeddedDefault(Path workDir) throws IOException, InterruptedException {
        return launch(workDir, Ports.freePort(), false);
    }

    /**
     * Like {@link #startEmbeddedDefault}, but through the launcher a user runs, {@value #LAUNCHER} next to the jar,
     * with its JVM options and without the leak detector: for tests that measure the daemon as users run it.
     */
    public static DaemonProcess startEmbeddedDefaultWithLauncher(Path workDir)
            throws IOException, InterruptedException {
        return launch(workDir, Ports.freePort(), true);
    }

    /** Like {@link #start}, but through the launcher (see {@link #startEmbeddedDefaultWithLauncher}). */
    public static DaemonProcess startWithLauncher(DaemonConfig config, Path workDir)
            throws IOException, InterruptedException {
        int port = Ports.freePort();
        Path configFile = config.listen("127.0.0.1:" + port).writeTo(workDir.resolve("config.json"));
        return launch(workDir, port, true, "--config", configFile.toString());
    }

    private static DaemonProcess launch(Path workDir, int port, boolean viaLauncher, String... extraArgs)
            throws IOException, InterruptedException {
        return launch(workDir, port, viaLauncher, List.of(), extraArgs);
    }

    /** {@code jvmOptions} only without the launcher (it has its own; BLOCKHOUSE_JAVA_OPTS adds to them). */
    private static DaemonProcess launch(Path workDir, int port, boolean viaLauncher, List<String> jvmOptions,
            String... extraArgs) throws IOException, InterruptedException {
        Path jar = jar();
        String listen = "127.0.0.1:" + port;
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path log = workDir.resolve("daemon.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>();
        if (viaLauncher) {
            Path launcher = jar.resolveSibling(LAUNCHER);
            if (!Files.isExecutable(launcher)) {
                throw new IllegalStateException("launcher " + launcher + " does not exist: run mvn package first");
            }
            command.add(launcher.toString());
        } else {
            command.addAll(List.of(java, "-Dio.netty.leakDetection.level=paranoid"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.addAll(List.of("--data-dir", dataDir.toString(), "--listen", listen));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the launcher runs the same JDK and jar as the other tests
        builder.environment().put("JAVA", java);
        builder.environment().put("BLOCKHOUSE_JAR", jar.toString());
        Process process = builder.start();
        DaemonProcess daemon = new DaemonProcess(process, port, log, dataDir);
        daemon.awaitListening();
        return daemon;
    }

    private static Path jar() {
        String value = System.getProperty(JAR_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set: run the *IT tests "
                    + "through failsafe (mvn verify), which points it at daemon/target/blockhouse-daemon.jar");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("daemon jar " + jar + " does not exist: run mvn package first");
        }
        return jar;
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Ports.accepts(port, Duration.ofMillis(200))) {
            if (!process.isAlive()) {
                forget();
                fail("daemon exited with " + process.exitValue() + " before listening on " + port + "\n"
                        + LogTail.of(log, 60));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                forget();
                fail("daemon did not listen on " + port + " within " + START_TIMEOUT + "\n" + LogTail.of(log, 60));
            }
            Thread.sleep(100);
        }
        // The iSCSI portal opens before the management API: a test that uses the CLI, or that stops the daemon
        // (SIGTERM is handled once start-up is complete), must not begin before the API socket exists.
        Path socket = dataDir.resolve("blockhouse.sock");
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                forget();
                fail("daemon exited with " + process.exitValue() + " before opening " + socket + "\n"
                        + LogTail.of(log, 60));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                forget();
                fail("daemon did not open " + socket + " within " + START_TIMEOUT + "\n" + LogTail.of(log, 60));
            }
            Thread.sleep(50);
        }
    }

    /** The daemon JVM's process id (the launcher execs it), for sampling its resources through /proc and jcmd. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public Path log() {
        return log;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The whole log so far. */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The last {@code lines} lines of the log, for assertion messages. */
    public String logTail(int lines) {
        return LogTail.of(log, lines);
    }

    /** Fails when Netty reported a ByteBuf leak. Call after {@link #close()} to include reports made at exit. */
    public void assertNoLeaks() throws IOException {
        String text = logText();
        int at = text.indexOf(LEAK_MARKER);
        if (at >= 0) {
            fail("Netty reported a buffer leak in the daemon log " + log + ":\n"
                    + text.substring(at, Math.min(text.length(), at + 4000)));
        }
    }

    /** Fails unless the daemon process is still running. */
    public void assertAlive() {
        if (!process.isAlive()) {
            fail("daemon died with exit code " + process.exitValue() + "\n" + LogTail.of(log, 60));
        }
    }

    /**
     * SIGKILL (no shutdown hook, no flush, nothing the daemon can do about it), then waits until the process is gone.
     * The daemon counts as closed afterwards; start a new one on the same work directory to restart it.
     */
    public void kill() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                fail("daemon did not die within 20 s of SIGKILL");
            }
        } finally {
            forget();
        }
    }

    /** SIGTERM, then waits up to 20 s and asserts exit code 0. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!process.isAlive()) {
                fail("daemon had already died with exit code " + process.exitValue() + "\n" + LogTail.of(log, 60));
            }
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("daemon did not stop within " + STOP_TIMEOUT + " of SIGTERM\n" + LogTail.of(log, 60));
            }
            if (process.exitValue() != 0) {
                fail("daemon exited with " + process.exitValue() + " after SIGTERM (expected 0)\n"
                        + LogTail.of(log, 60));
            }
        } finally {
            forget();
        }
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down; the hook finds the process gone
        }
    }
}
