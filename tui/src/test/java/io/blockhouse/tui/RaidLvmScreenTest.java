package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-end storage / Software RAID and LVM on the virtual terminal against a real daemon running as root, with two
 * loop devices of this test as the only disks lvm may touch: the menus open, the forms check their fields, and the
 * actions really run lvm (volume group, logical volume, removal) and mdadm (or show the daemon's refusal when the
 * kernel has no md driver).
 */
class RaidLvmScreenTest {

    private static final String VG = "bhtui" + ProcessHandle.current().pid();

    @TempDir
    static Path work;
    static DaemonUnderTest daemon;
    static final List<String> loops = new ArrayList<>();

    @BeforeAll
    static void loopsAndDaemon() throws Exception {
        boolean ok = "root".equals(System.getProperty("user.name"))
                && exec("sh", "-c", "command -v losetup && command -v lvm && command -v mdadm") == 0;
        if (!ok && (Boolean.getBoolean("blockhouse.requireExternal")
                || "true".equalsIgnoreCase(System.getenv("BLOCKHOUSE_REQUIRE_EXTERNAL")))) {
            throw new AssertionError("root, losetup, lvm2 and mdadm are required");
        }
        Assumptions.assumeTrue(ok, "needs root, losetup, lvm2, mdadm");
        for (int i = 0; i < 2; i++) {
            Path image = work.resolve("disk" + i + ".img");
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(64L << 20);
            }
            String out = output("losetup", "-f", "--show", image.toString()).trim();
            loops.add(out.substring(out.lastIndexOf('\n') + 1));
        }
        daemon = DaemonUnderTest.start(work, List.of("-Dblockhouse.lvm.devices=" + String.join(",", loops)));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (!loops.isEmpty()) {
            String only = String.join(",", loops);
            if (Files.exists(Path.of("/dev/mapper/control"))) {
                exec("lvm", "vgremove", "-ff", "-y", "--devices", only, VG);
            } else {
                exec("lvm", "vgremove", "-ff", "-y", "--devices", only, "--config", "global/activation=0", VG);
            }
            exec("mdadm", "--stop", "/dev/md99");
            for (String l : loops) {
                exec("lvm", "pvremove", "-ff", "-y", "--devices", only, l);
                exec("mdadm", "--zero-superblock", l);
                exec("losetup", "-d", l);
            }
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static VirtualConsole storageMenu() throws Exception {
        VirtualConsole c = new VirtualConsole(daemon.socket()).await("TARGETS");
        c.type("m").await("Main menu").type("b").enter().await("Disks, file systems and vdisk files");
        return c;
    }

    /** Ticks {@code devices} in the open multi-pick list (the list starts at its first item). */
    private static void tick(VirtualConsole c, List<String> devices) {
        c.await("Space ticks");
        List<String> shown = new ArrayList<>();
        for (String line : c.text().split("\n")) {
            int at = Math.max(line.indexOf("[ ] /dev/"), line.indexOf("[x] /dev/"));
            if (at >= 0) {
                String rest = line.substring(at + 4);
                shown.add(rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')));
            }
        }
        int position = 0;
        for (String d : devices) {
            int index = shown.indexOf(d);
            assertTrue(index >= position, d + " not in the shown list " + shown + "\n" + c.text());
            c.key(KeyType.ArrowDown, index - position).type(" ");
            position = index;
        }
    }

    private static JsonNode lvm() throws Exception {
        return daemon.api().get("/v1/host/lvm");
    }

    private static JsonNode named(JsonNode rows, String name) {
        for (JsonNode r : rows) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void lvmVolumeGroupAndLogicalVolumeByKeystrokes() throws Exception {
        try (VirtualConsole c = storageMenu()) {
            c.type("l").enter().await("Volume groups and logical volumes");
            // Volume group over both loop devices.
            c.type("c").enter().await("Name the group here").key(KeyType.End).key(KeyType.Backspace, 3)
                    .type("bad name!").tab(1)
                    .enter().await("Volume group: letters, digits").enter().awaitGone("Volume group: letters");
            c.key(KeyType.Backspace, 9).type(VG).tab(1).enter();
            tick(c, loops);
            c.tab(1).enter().await("Make volume group " + VG).key(KeyType.Tab).enter()
                    .await("Create a volume group").await("Done.").enter().awaitGone("Done.");
            assertEquals(2, named(lvm().path("vgs"), VG).path("pv_count").asLong(), lvm().toString());

            // Logical volume: the size is checked by the form, then lvm makes it.
            c.type("n").enter().await("In which volume group?").enter().await("Logical volume in " + VG)
                    .tab(1).type("lots").tab(1).enter().await("Size: a size in bytes").enter()
                    .awaitGone("Size: a size in bytes");
            c.key(KeyType.Backspace, 4).type("16M").tab(1).enter().await("Done.").enter().awaitGone("Done.");
            assertEquals(16L << 20, named(lvm().path("lvs"), "lv0").path("size").asLong(), lvm().toString());
            c.type("o").enter().await("/dev/" + VG + "/lv0").enter().awaitGone("Physical volumes:");

            // Deleting the group while it holds a volume: the daemon's refusal, in a dialog.
            c.type("d").enter().await("Which volume group").enter().await("Delete volume group " + VG)
                    .key(KeyType.Tab).enter().await("vg_not_empty").enter().awaitGone("vg_not_empty");
            // Removal asks first (No keeps it), then goes.
            c.type("r").enter().await("Which logical volume?").enter().await("Remove logical volume")
                    .enter().awaitGone("Remove logical volume");
            assertTrue(named(lvm().path("lvs"), "lv0") != null);
            c.type("r").enter().await("Which logical volume?").enter().await("Remove logical volume")
                    .key(KeyType.Tab).enter().await("Done.").enter().awaitGone("Done.");
            assertEquals(null, named(lvm().path("lvs"), "lv0"));
            c.type("d").enter().await("Which volume group").enter().await("Delete volume group " + VG)
                    .key(KeyType.Tab).enter().await("Done.").enter().awaitGone("Done.");
            assertEquals(null, named(lvm().path("vgs"), VG));
            for (int i = 0; i < 2; i++) {
                c.type("pp").enter().await("Physical volumes outside any group").enter().await("Wipe the LVM label")
                        .key(KeyType.Tab).enter().await("Done.").enter().awaitGone("Done.");
            }
            assertEquals(0, lvm().path("pvs").size(), lvm().toString());
            c.escape().awaitGone("Volume groups and").escape().awaitGone("Disks, file systems").escape()
                    .awaitGone("Main menu");
        }
    }

    @Test
    void raidFormChecksThenTheDaemonCreatesOrRefuses() throws Exception {
        boolean md = Files.isReadable(Path.of("/proc/mdstat"));
        try (VirtualConsole c = storageMenu()) {
            c.type("s").enter().await("mdadm arrays of whole disks");
            c.type("a").enter().await(md ? "Software RAID arrays" : "no software RAID (md) driver").enter();
            c.type("c").enter().await("Pick the level and name here").tab(1).key(KeyType.End).key(KeyType.Backspace, 3)
                    .type("sda").tab(1).enter().await("Name (md0..md127): md0 to md127").enter()
                    .awaitGone("md0 to md127");
            c.key(KeyType.Backspace, 3).type("md99").tab(1).enter();
            tick(c, loops);
            c.tab(1).enter().await("Make a RAID 1 array /dev/md99").key(KeyType.Tab).enter();
            if (!md) {
                c.await("md_unavailable").enter().awaitGone("md_unavailable");
                c.escape().awaitGone("Pick the level and name here");
                // Member actions open and find no array to work on.
                c.type("d").enter().await("nothing to choose from").enter().awaitGone("nothing to choose from");
                c.type("f").enter().await("nothing to choose from").enter().awaitGone("nothing to choose from");
            } else {
                c.await("Done.").enter().awaitGone("Done.");
                JsonNode arrays = daemon.api().get("/v1/host/raid").path("arrays");
                assertTrue(arrays.toString().contains("md99"), arrays.toString());
                c.type("r").enter().await("Which array?").enter().await("erase the RAID superblocks")
                        .key(KeyType.Tab).enter().await("Done.").enter().awaitGone("Done.");
                assertTrue(!daemon.api().get("/v1/host/raid").path("arrays").toString().contains("md99"));
            }
            c.escape().awaitGone("mdadm arrays").escape().awaitGone("Disks, file systems").escape()
                    .awaitGone("Main menu");
        }
    }
}
