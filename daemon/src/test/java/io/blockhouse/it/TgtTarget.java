package io.blockhouse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Debian's tgtd as a reference iSCSI target, run in the foreground on a loopback port with its own control port so
 * several instances (and other users of the machine) do not collide. Used to prove the test initiator and the
 * scenarios against an independent, widely deployed target. {@link #close()} always kills the daemon.
 */
public final class TgtTarget implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int controlPort;
    private final Path log;
    private final Thread killer;

    private TgtTarget(Process process, int port, int controlPort, Path log) {
        this.process = process;
        this.port = port;
        this.controlPort = controlPort;
        this.log = log;
        // tgtd must never outlive the test JVM, even when a test is interrupted
        this.killer = new Thread(process::destroyForcibly, "tgtd-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts tgtd on 127.0.0.1 at a free port, logging to {@code workDir/tgtd.log}. */
    public static TgtTarget start(Path workDir) throws IOException, InterruptedException {
        External.requireCommand("tgtd");
        External.requireCommand("tgtadm");
        int port = Ports.freePort();
        int controlPort = 2000 + ThreadLocalRandom.current().nextInt(30000); // tgtd accepts at most 32767
        Path log = workDir.resolve("tgtd-" + port + ".log");
        Process process = new ProcessBuilder("tgtd", "-f", "-C", Integer.toString(controlPort),
                "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TgtTarget tgt = new TgtTarget(process, port, controlPort, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Ports.accepts(port, Duration.ofMillis(200))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                tgt.close();
                throw new IllegalStateException("tgtd did not start listening on " + port + "\n"
                        + LogTail.of(log, 30));
            }
            Thread.sleep(50);
        }
        return tgt;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Runs {@code tgtadm -C <control> --lld iscsi <args>} and fails unless it exits 0. */
    public String tgtadm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tgtadm", "-C", Integer.toString(controlPort), "--lld",
                "iscsi"));
        command.addAll(List.of(args));
        Process admin = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!admin.waitFor(20, TimeUnit.SECONDS)) {
            admin.destroyForcibly();
            throw new IllegalStateException("tgtadm hung: " + command);
        }
        if (admin.exitValue() != 0) {
            throw new IllegalStateException("tgtadm failed (" + admin.exitValue() + "): " + command + "\n" + output);
        }
        return output;
    }

    /** Creates target {@code tid} named {@code iqn}, open to every initiator address. */
    public void addTarget(int tid, String iqn) throws IOException, InterruptedException {
        tgtadm("--op", "new", "--mode", "target", "--tid", Integer.toString(tid), "--targetname", iqn);
        tgtadm("--op", "bind", "--mode", "target", "--tid", Integer.toString(tid), "--initiator-address", "ALL");
    }

    /** Adds a disk LUN backed by a file (tgt's LUN 0 is its controller, so data LUNs start at 1). */
    public void addLun(int tid, int lun, Path backingFile) throws IOException, InterruptedException {
        tgtadm("--op", "new", "--mode", "logicalunit", "--tid", Integer.toString(tid), "--lun",
                Integer.toString(lun), "--backing-store", backingFile.toString());
    }

    /** Requires CHAP {@code user}/{@code secret} from initiators of {@code tid}. */
    public void requireChap(int tid, String user, String secret) throws IOException, InterruptedException {
        tgtadm("--op", "new", "--mode", "account", "--user", user, "--password", secret);
        tgtadm("--op", "bind", "--mode", "account", "--tid", Integer.toString(tid), "--user", user);
    }

    /** Makes the target prove itself as {@code user}/{@code secret} when the initiator asks (mutual CHAP). */
    public void mutualChap(int tid, String user, String secret) throws IOException, InterruptedException {
        tgtadm("--op", "new", "--mode", "account", "--user", user, "--password", secret);
        tgtadm("--op", "bind", "--mode", "account", "--tid", Integer.toString(tid), "--user", user, "--outgoing");
    }

    /** Sets an iSCSI parameter of the target, e.g. InitialR2T=No or MaxRecvDataSegmentLength. */
    public void set(int tid, String name, String value) throws IOException, InterruptedException {
        tgtadm("--op", "update", "--mode", "target", "--tid", Integer.toString(tid), "--name", name, "--value",
                value);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Stops tgtd: SIGTERM, then SIGKILL after 3 s (tgtd often ignores SIGTERM while sessions exist). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway and finds the process dead
        }
    }
}
