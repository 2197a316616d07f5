package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A configuration change made on the serial console survives a reboot: it is synced to the config partition as a
 * new generation, the partition checks clean on the host (e2fsck -fn, no mount), the generation's checksum matches
 * its contents, and after the reboot the change is in effect (a second LUN answers).
 */
class ConfigPersistenceIT {

    static final Path WORK = Path.of("target", "qemu");
    static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})-([0-9a-f]{64})\\.tar");

    @Test
    void aConfigChangeSurvivesARebootAndIsOnTheConfigPartition() throws Exception {
        Path image = Host.builtImage();
        Host.require(Host.hasCommand("iscsi-inq"), "iscsi-inq (package libiscsi-bin)");
        Host.require(Host.hasCommand("debugfs") && Host.hasCommand("e2fsck"), "debugfs, e2fsck (package e2fsprogs)");
        ImageLayout layout = ImageLayout.of(image);
        Path disk = Host.copyOf(image, WORK, "persist");
        try {
            try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, WORK, "persist-1")) {
                ApplianceBootIT.awaitInquiry(vm, 0, ApplianceBootIT.BOOT_TIMEOUT);
                SerialConsole console = vm.console();
                console.leaveConsoleForShell(ApplianceBootIT.BOOT_TIMEOUT);
                // The change goes through the daemon (its CLI), as an operator makes it; then "sync now" through
                // the daemon's API, which runs the appliance's sync tool.
                console.run("blockhouse device add scratch1 --backend ram --size 32M --block-size 4096"
                        + " && blockhouse lun map " + ApplianceBootIT.DEFAULT_TARGET + " 1 scratch1",
                        Duration.ofMinutes(3));
                String synced = console.run("blockhouse --json sync now; blockhouse-sync status",
                        Duration.ofMinutes(2));
                assertTrue(synced.contains("\"result\":\"ok\"") && synced.contains("result=ok"),
                        "sync state after the change:\n" + synced);
                assertTrue(synced.contains("\"pending\":false") && synced.contains("pending=no"), synced);
                console.send("reboot");
                assertTrue(vm.awaitExit(Duration.ofMinutes(3)), "the guest rebooted (qemu -no-reboot exits)");
            }

            // On the host, without mounting: clean file system, the new generation, its checksum right.
            Host.Result fsck = layout.checkConfigPartition(disk);
            assertEquals(0, fsck.exitCode(), "e2fsck -fn on the config partition:\n" + fsck.output());
            String listing = layout.debugfsConfig(disk, "ls /generations");
            Matcher m = GENERATION.matcher(listing);
            String newest = null;
            while (m.find()) {
                if (newest == null || m.group(1).compareTo(GENERATION.matcher(newest).results().findFirst()
                        .orElseThrow().group(1)) > 0) {
                    newest = m.group();
                }
            }
            assertNotEquals(null, newest, "a generation on the config partition:\n" + listing);
            Path dumped = WORK.resolve("newest-generation.tar");
            Files.deleteIfExists(dumped);
            layout.debugfsConfig(disk, "dump /generations/" + newest + " " + dumped.toAbsolutePath());
            String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dumped)));
            Matcher name = GENERATION.matcher(newest);
            assertTrue(name.matches());
            assertEquals(name.group(2), sum, "the generation's name carries the checksum of its contents");
            Host.Result tar = Host.run(List.of("tar", "-xOf", dumped.toString(), "--wildcards",
                    "var/lib/blockhouse/config/gen-*.json"), 30);
            assertEquals(0, tar.exitCode(), tar.output());
            assertTrue(tar.output().contains("scratch1"), "the generation holds the changed configuration");

            // After the reboot the change is in effect: LUN 1 answers as soon as the target serves.
            try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, WORK, "persist-2")) {
                ApplianceBootIT.awaitInquiry(vm, 0, ApplianceBootIT.BOOT_TIMEOUT);
                Host.Result lun1 = Host.run(List.of("iscsi-inq",
                        "iscsi://127.0.0.1:" + vm.iscsiPort() + "/" + ApplianceBootIT.DEFAULT_TARGET + "/1"), 60);
                assertEquals(0, lun1.exitCode(), "LUN 1 (added before the reboot) answers:\n" + lun1.output());
                vm.console().leaveConsoleForShell(ApplianceBootIT.BOOT_TIMEOUT);
                String status = vm.console().run("blockhouse-sync status", Duration.ofMinutes(1));
                assertTrue(status.contains("result=restored"), "the boot restored the generation:\n" + status);
            }
        } finally {
            Files.deleteIfExists(disk);
        }
    }
}
