package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 2 of the console issue: in tmux at 80x24, by keystrokes only, against a running daemon: an XFS file
 * system on a loop device, a 512 MiB vdisk file on it, a device, a target with CHAP, an initiator group and a LUN
 * mapping; then a CHAP-authenticated initiator reads the LUN and the main screen shows its session. Run once with
 * tmux's own terminal type (UTF-8 lines) and once as a serial console would be (TERM=vt100: ASCII borders).
 * Needs root (loop device, mkfs, mount), tmux and libiscsi's tools; skips without them unless
 * blockhouse.requireExternal is true.
 */
class ProvisionInTmuxIT {

    private static final String TARGET = "iqn.2026-11.io.blockhouse:e2e";
    private static final String INITIATOR = "iqn.2026-11.com.example:host1";
    private static final String SECRET = "alice-secret-1";

    @TempDir
    Path work;

    private static int exec(long seconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(seconds, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static String output(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static void requireExternal() throws Exception {
        boolean ok = "root".equals(System.getProperty("user.name")) && Tmux.available()
                && exec(10, "sh", "-c", "command -v iscsi-inq && command -v iscsi-perf && command -v mkfs.xfs "
                + "&& command -v losetup") == 0;
        if (!ok && Boolean.getBoolean("blockhouse.requireExternal")) {
            throw new AssertionError("root, tmux, libiscsi tools, mkfs.xfs and losetup are required");
        }
        Assumptions.assumeTrue(ok, "needs root, tmux, libiscsi-bin, xfsprogs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmux", "vt100"})
    void provisionsByKeystrokesAndTheInitiatorsSessionAppears(String terminal) throws Exception {
        requireExternal();
        Path image = work.resolve("disk.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        String out = output("losetup", "-f", "--show", image.toString()).trim();
        String loop = out.substring(out.lastIndexOf('\n') + 1);
        assertTrue(loop.startsWith("/dev/loop"), out);
        Path mountpoint = null;
        Process perf = null;
        try (DaemonUnderTest daemon = DaemonUnderTest.start(work)) {
            mountpoint = daemon.vdiskRoot().resolve("fs1");
            String jar = System.getProperty("blockhouse.tui.jar");
            String env = terminal.equals("vt100") ? "TERM=vt100 " : "";
            try (Tmux t = new Tmux("bh-e2e-" + terminal, 80, 24, "env " + env + "java -Dblockhouse.tui.log="
                    + work.resolve("tui.log") + " -jar " + jar + " --socket " + daemon.socket())) {
                t.await("TARGETS").await("iqn.2026-11.io.blockhouse:default");

                // Back-end storage: XFS on the loop device, then a thick 512 MiB vdisk file on it.
                t.keys("m").await("Main menu").keys("b", "Enter").await("Disks, file systems");
                t.keys("c", "Enter").await("Unused block devices").pickLine("Unused block devices", "/dev/", loop + " ");
                t.await("File system on " + loop).keys("Tab").text("fs1").keys("Tab", "Enter");
                t.await("Everything on it is lost").keys("Tab", "Enter").await("is mounted at").keys("Enter");
                t.keys("v", "Enter").await("On which file system?").keys("Enter");
                t.await("Vdisk file in").keys("Tab").text("512M").keys("Tab", "Tab", "Enter");
                t.await("Vdisk file created").keys("Enter").keys("Escape").await("Main menu");

                // Devices: a file device on the vdisk.
                t.keys("d", "Enter").await("SCSI devices").keys("a", "Enter").await("Block size");
                t.text("vd1").keys("Tab", "Tab").text(mountpoint.resolve("disk1.img").toString());
                t.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter");
                t.await("Done: configuration generation").keys("Enter", "Escape").await("Main menu");

                // Targets: a new target with one-way CHAP.
                t.keys("t", "Enter").await("iSCSI targets").keys("a", "Enter").await("Target IQN");
                t.keys("End").text("e2e").keys("Tab", "Tab", "Tab", "Tab", "Enter");
                t.await("Done: configuration generation").keys("Enter");
                t.keys("c", "Enter").await("Which target?").pickLine("Which target?", "iqn.2026-11.io.blockhouse:default", TARGET);
                t.await("CHAP for " + TARGET).text("alice").keys("Tab").text(SECRET);
                t.keys("Tab", "Tab", "Tab", "Enter").await("Done: configuration generation").keys("Enter", "Escape");
                t.await("Main menu");

                // Hosts: an initiator group with the initiator typed in.
                t.keys("h", "Enter").await("Initiator groups").keys("a", "Enter").await("Which target?");
                t.pickLine("Which target?", "iqn.2026-11.io.blockhouse:default", TARGET).await("type a name").keys("Enter");
                t.await("Initiator IQN").keys("End").text(INITIATOR.substring(4)).keys("Tab", "Enter");
                t.await("Group name").text("hosts").keys("Tab", "Tab", "Enter");
                t.await("Done: configuration generation").keys("Enter", "Escape").await("Main menu");

                // LUN mapping: LUN 0 of the group shows vd1.
                t.keys("l", "Enter").await("Map devices to LUNs").keys("m", "Enter").await("Which target?");
                t.pickLine("Which target?", "iqn.2026-11.io.blockhouse:default", TARGET).await("Which LUNs").keys("h", "Enter");
                t.await("Map a LUN of").keys("Tab", "Enter", "v", "Enter", "Tab", "Tab", "Enter");
                t.await("Done: configuration generation").keys("Enter", "Escape").await("Main menu");
                t.keys("Escape").await("m/F2 menu");

                String url = "iscsi://alice%" + SECRET + "@127.0.0.1:" + daemon.port() + "/" + TARGET + "/0";
                String inq = output("iscsi-inq", "-i", INITIATOR, url);
                assertTrue(inq.contains("Blockhouse") || inq.toLowerCase().contains("vendor"), inq);
                assertFalse(inq.toLowerCase().contains("failed"), inq);

                perf = new ProcessBuilder("iscsi-perf", "-i", INITIATOR, url).redirectErrorStream(true)
                        .redirectOutput(work.resolve("perf.log").toFile()).start();
                t.await("<- " + INITIATOR);
                String screen = t.screen();
                Files.writeString(work.resolve("screen-" + terminal + ".txt"), screen);
                if (terminal.equals("vt100")) {
                    assertFalse(screen.chars().anyMatch(c -> c >= 0x2500 && c <= 0x257f), screen);
                }
            }
        } finally {
            if (perf != null) {
                // iscsi-perf does not always end on SIGTERM (it keeps reconnecting once the daemon is gone): a
                // test must leave no initiator behind.
                perf.destroy();
                if (!perf.waitFor(10, TimeUnit.SECONDS)) {
                    perf.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (mountpoint != null) {
                exec(60, "umount", mountpoint.toString());
            }
            assertEquals(0, exec(30, "losetup", "-d", loop));
        }
    }
}
