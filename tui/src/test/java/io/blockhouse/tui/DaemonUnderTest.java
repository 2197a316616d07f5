package io.blockhouse.tui;

import io.blockhouse.tui.api.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Blockhouse daemon in a JVM of its own (the daemon's classes from the test class path), on a free loopback
 * port, with its data directory and vdisk root under a test directory. It can be killed and started again on the
 * same data directory, which is how the reconnect behaviour is tested.
 */
final class DaemonUnderTest implements AutoCloseable {

    private final Path dataDir;
    private final Path vdiskRoot;
    private final Path log;
    private final int port;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    private DaemonUnderTest(Path workDir) throws IOException {
        this.dataDir = Files.createDirectories(workDir.resolve("data"));
        this.vdiskRoot = Files.createDirectories(workDir.resolve("vdisks"));
        this.log = workDir.resolve("daemon.log");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    static DaemonUnderTest start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, List.of());
    }

    /** @param jvmOptions extra options for the daemon's JVM, e.g. "-Dblockhouse.lvm.devices=/dev/loop5" */
    static DaemonUnderTest start(Path workDir, List<String> jvmOptions) throws IOException, InterruptedException {
        DaemonUnderTest d = new DaemonUnderTest(workDir);
        d.jvmOptions.addAll(jvmOptions);
        d.launch();
        return d;
    }

    void launch() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dblockhouse.vdiskRoot=" + vdiskRoot,
                // The test class path holds the console's logback.xml too: point its file at the daemon's log.
                "-Dblockhouse.tui.log=" + log));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("io.blockhouse.daemon.Main", "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:" + port, "--allow-root", vdiskRoot.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Probe.answers(socket())) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("daemon did not start; log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** Ends the daemon abruptly (SIGKILL): no orderly shutdown, the socket file stays behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    Path socket() {
        return dataDir.resolve("blockhouse.sock");
    }

    Path dataDir() {
        return dataDir;
    }

    Path vdiskRoot() {
        return vdiskRoot;
    }

    int port() {
        return port;
    }

    ApiClient api() {
        return new ApiClient(socket());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
