package io.blockhouse.it.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.kernel.testing.Commands;
import io.blockhouse.kernel.testing.LoopDevice;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ESOS-style {@code scst.conf} (vdisk_fileio, vdisk_blockio and vdisk_nullio devices, an iSCSI target with a
 * default LUN map, an initiator group with its own LUNs and CHAP, target-level iSCSI parameters) imported into a
 * running daemon with {@code blockhouse config import --scst}: the live model is the equivalent Blockhouse
 * configuration, and real initiators (libiscsi) see what SCST would have shown them: the group's initiator its
 * group's LUNs with the group's CHAP, any other initiator the default LUN, each LUN backed by the right device.
 */
class ScstImportIT {

    static final String TARGET = "iqn.2026-11.io.blockhouse.it:imported";
    static final String GROUP_INITIATOR = "iqn.2026-11.io.blockhouse.it:db-host";
    static final String OTHER_INITIATOR = "iqn.2026-11.io.blockhouse.it:other-host";

    @Test
    void anEsosScstConfImportsIntoAnEquivalentLiveConfiguration(@TempDir Path dir) throws Exception {
        External.requireCommand("iscsi-readcapacity16");
        LoopDevice.requireAvailable();
        // The file and the block device exist before the import, as they would on the ESOS box.
        // (under the daemon's data directory, workDir/data, which is an allowed root for device files)
        Path vdisk = Files.createDirectories(dir.resolve("data").resolve("vdisks")).resolve("vm_store.img");
        try (RandomAccessFile f = new RandomAccessFile(vdisk.toFile(), "rw")) {
            f.setLength(48L << 20);
        }
        Path backing = dir.resolve("loop-backing.img");
        try (LoopDevice loop = LoopDevice.create(backing, 24L << 20, 512);
             DaemonProcess daemon = DaemonProcess.start(new DaemonConfig().ramDevice("scratch", "16M"), dir)) {
            awaitSocket(daemon);
            BlockhouseCli cli = new BlockhouseCli(daemon.dataDir());
            Path conf = dir.resolve("scst.conf");
            Files.writeString(conf, esosConf(vdisk, loop.device()));

            BlockhouseCli.Result imported = cli.run("config", "import", "--scst", conf.toString(), "--force");
            assertEquals(0, imported.exit(), imported.err() + imported.out());

            // The live model, field by field.
            JsonNode model = cli.run("--json", "config", "show").ok().json().path("config");
            JsonNode devices = model.path("devices");
            assertEquals(3, devices.size(), devices.toPrettyString());
            assertDevice(devices, "vm_store", "file", vdisk.toString());
            assertDevice(devices, "db_lv", "block", loop.device().toString());
            assertDevice(devices, "perf_null", "null", null);
            assertEquals(4096, device(devices, "vm_store").path("blockSize").asInt());
            assertTrue(device(devices, "db_lv").path("writeThrough").asBoolean(), devices.toPrettyString());
            JsonNode target = model.path("targets").get(0);
            assertEquals(TARGET, target.path("name").asText());
            assertEquals(1, model.path("targets").size());
            assertEquals("vm_store", target.path("luns").get(0).path("device").asText());
            JsonNode group = target.path("groups").get(0);
            assertEquals("dbhosts", group.path("name").asText());
            assertEquals(GROUP_INITIATOR, group.path("initiators").get(0).asText());
            assertEquals("dbchap", group.path("chap").path("user").asText());
            assertEquals(List.of("db_lv", "perf_null"), devicesOf(group.path("luns")));

            // What initiators see: the group's initiator its two LUNs (with the group's CHAP) ...
            assertEquals(String.valueOf(24L << 20), capacity(GROUP_INITIATOR, daemon, "dbchap%db-chap-secret-12@", 0));
            assertEquals(String.valueOf(64L << 20), capacity(GROUP_INITIATOR, daemon, "dbchap%db-chap-secret-12@", 1));
            Commands.Result noChap = Commands.run(Duration.ofSeconds(30), "iscsi-readcapacity16", "-s",
                    "-i", GROUP_INITIATOR, url(daemon, "", 0));
            assertNotEquals(0, noChap.exitCode(), "the group's CHAP is required: " + noChap.output());
            // ... any other initiator the default LUN, the 48 MiB file in 4096-byte blocks.
            assertEquals(String.valueOf(48L << 20), capacity(OTHER_INITIATOR, daemon, "", 0));
            Commands.Result lun1 = Commands.run(Duration.ofSeconds(30), "iscsi-readcapacity16", "-s",
                    "-i", OTHER_INITIATOR, url(daemon, "", 1));
            assertNotEquals(0, lun1.exitCode(), "LUN 1 is the group's, not the default map's: " + lun1.output());

            // The import is one generation, and the history names it.
            String history = cli.run("config", "history").ok().out();
            assertTrue(history.contains(conf.getFileName().toString()) || history.contains("scst"), history);
            DaemonChecks.stopAndCheck(daemon, "ScstImportIT");
        }
    }

    private static String esosConf(Path vdisk, Path blockDevice) {
        return """
                # Automatically generated by SCST Configurator v3.9.0.

                HANDLER vdisk_fileio {
                \tDEVICE vm_store {
                \t\tfilename %s
                \t\tblocksize 4096
                \t\tnv_cache 0
                \t}
                }

                HANDLER vdisk_blockio {
                \tDEVICE db_lv {
                \t\tfilename %s
                \t\twrite_through 1
                \t\trotational 0
                \t}
                }

                HANDLER vdisk_nullio {
                \tDEVICE perf_null {
                \t\tsize_mb 64
                \t}
                }

                TARGET_DRIVER iscsi {
                \tenabled 1

                \tTARGET %s {
                \t\tHeaderDigest CRC32C,None
                \t\tImmediateData Yes
                \t\tenabled 1
                \t\trel_tgt_id 1

                \t\tLUN 0 vm_store

                \t\tGROUP dbhosts {
                \t\t\tLUN 0 db_lv
                \t\t\tLUN 1 perf_null

                \t\t\tINITIATOR %s

                \t\t\tIncomingUser "dbchap db-chap-secret-12"
                \t\t}
                \t}
                }
                """.formatted(vdisk, blockDevice, TARGET, GROUP_INITIATOR);
    }

    private static String capacity(String initiator, DaemonProcess daemon, String chap, int lun) throws Exception {
        return Commands.check("iscsi-readcapacity16", "-s", "-i", initiator, url(daemon, chap, lun)).strip();
    }

    private static String url(DaemonProcess daemon, String chap, int lun) {
        return "iscsi://" + chap + daemon.host() + ":" + daemon.port() + "/" + TARGET + "/" + lun;
    }

    private static JsonNode device(JsonNode devices, String name) {
        for (JsonNode d : devices) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no device " + name + " in " + devices.toPrettyString());
    }

    private static void assertDevice(JsonNode devices, String name, String backend, String path) {
        JsonNode d = device(devices, name);
        assertEquals(backend, d.path("backend").asText(), d.toString());
        if (path != null) {
            assertEquals(path, d.path("path").asText(), d.toString());
        }
    }

    private static List<String> devicesOf(JsonNode luns) {
        List<String> out = new ArrayList<>();
        luns.forEach(l -> out.add(l.path("device").asText()));
        return out;
    }

    private static void awaitSocket(DaemonProcess daemon) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(daemon.dataDir().resolve("blockhouse.sock")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
