package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One stick through an appliance's life, in qemu (TCG, 1 GiB RAM, the image as a USB stick on xHCI):
 * <ol>
 * <li>first boot with BIOS: the default LUN answers iscsi-inq through the port forward (the time from qemu's start
 * to that first login is recorded in target/boot-times.txt), the console TUI shows its main screen on the serial
 * line (ttyS0), and quitting it leaves a shell where the CLI, lsblk, blkid -p and the boot script's RAID assembly
 * work. There the CLI adds LUN 1, "sync now" syncs it, and the guest reboots;</li>
 * <li>on the host, without mounting: the config partition checks clean and its newest generation verifies and holds
 * the change; the logs partition checks clean and the log archived at the reboot has the change's log line;</li>
 * <li>second boot with UEFI (OVMF): LUN 1 answers (the change is in effect) and the boot says it restored;</li>
 * <li>power cuts: 50 configuration changes, each synced, with qemu killed during the sync of the last change of each
 * batch ({@code -Dblockhouse.powercut.cuts}, 3 by default; seed {@code -Dblockhouse.powercut.seed}); every boot
 * after a cut restores a configuration no older than the last acknowledged change, on a clean partition;</li>
 * <li>a last boot, a clean power-off, and a clean partition.</li>
 * </ol>
 */
class ApplianceLifecycleIT {

    static final int CHANGES = 50;

    @Test
    void bootServePersistAndSurvivePowerCuts() throws Exception {
        Path image = Host.builtImage();
        Host.require(Host.hasCommand("iscsi-inq"), "iscsi-inq (package libiscsi-bin)");
        Host.require(Host.hasCommand("debugfs") && Host.hasCommand("e2fsck"), "debugfs, e2fsck (package e2fsprogs)");
        Host.require(Files.isRegularFile(Path.of(QemuMachine.OVMF_CODE)), QemuMachine.OVMF_CODE + " (package ovmf)");
        Path disk = Host.copyOf(image, Appliance.WORK, "lifecycle");
        ImageLayout layout = ImageLayout.of(image);
        ConfigPartition partition = new ConfigPartition(layout, disk);
        long seed = Long.getLong("blockhouse.powercut.seed", System.nanoTime());
        int cuts = Integer.getInteger("blockhouse.powercut.cuts", 3);
        PowerCuts power = new PowerCuts(partition, seed);
        int[] batches = power.batchSizes(CHANGES, cuts);
        Appliance.record("lifecycle: power-cut seed " + seed + ", batches " + Arrays.toString(batches));
        try {
            firstBoot(disk);
            String configs = partition.newestDaemonConfigs();
            partition.assertClean("after the first boot's reboot");
            assertTrue(configs.contains("scratch1"), "the newest generation holds the change:\n" + configs);
            assertLogArchived(layout, disk, "lun map " + Appliance.DEFAULT_TARGET + " 1 -> scratch1");

            int boot = 2;
            try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.UEFI, Appliance.WORK, "lifecycle-2")) {
                Duration login = Appliance.awaitInquiry(vm, 0, Appliance.BOOT_TIMEOUT);
                Appliance.record("UEFI boot: qemu start to first iSCSI login " + login.toMillis() + " ms");
                Host.Result lun1 = Host.run(List.of("iscsi-inq",
                        "iscsi://127.0.0.1:" + vm.iscsiPort() + "/" + Appliance.DEFAULT_TARGET + "/1"), 60);
                assertEquals(0, lun1.exitCode(), "LUN 1 (added before the reboot) answers:\n" + lun1.output());
                vm.console().awaitConsoleMainScreen(Appliance.BOOT_TIMEOUT);
                Appliance.record("UEFI boot: qemu start to the console's main screen on ttyS0 "
                        + vm.sinceStart().toMillis() + " ms");
                vm.console().quitConsole();
                String status = vm.console().run("blockhouse-sync status", Duration.ofMinutes(1));
                assertTrue(status.contains("result=restored"), "the boot restored the generation:\n" + status);
                power.batchThenCut(vm, batches[0]);
            }
            for (int i = 1; i <= cuts; i++) {
                boot++;
                try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, Appliance.WORK,
                        "lifecycle-" + boot)) {
                    vm.console().leaveConsoleForShell(Appliance.BOOT_TIMEOUT);
                    power.assertBootIsValid(vm.console(), "boot " + boot);
                    if (i == cuts) {
                        Appliance.awaitInquiry(vm, 0, Appliance.BOOT_TIMEOUT);
                        vm.console().send("poweroff");
                        assertTrue(vm.awaitExit(Duration.ofMinutes(3)), "the guest powered off");
                    } else {
                        power.batchThenCut(vm, batches[i]);
                    }
                }
            }
            partition.assertClean("after the last boot's power-off");
            assertEquals(CHANGES, power.made());
            Appliance.record("lifecycle: " + CHANGES + " changes, " + cuts + " power cuts, " + boot
                    + " boots, all valid (seed " + seed + ")");
        } finally {
            Files.deleteIfExists(disk);
        }
    }

    /**
     * The logs partition checks clean and its newest archive (written at the reboot) holds the daemon's log line
     * {@code line}.
     */
    private static void assertLogArchived(ImageLayout layout, Path disk, String line) throws Exception {
        Host.Result fsck = layout.checkLogsPartition(disk);
        assertEquals(0, fsck.exitCode(), "e2fsck -fn on the logs partition:\n" + fsck.output());
        String listing = layout.debugfsLogs(disk, "ls -l /archive");
        String newest = listing.lines().map(String::trim).filter(l -> l.endsWith(".log.gz"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).sorted().reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no log archive on the logs partition:\n" + listing));
        Path dumped = Appliance.WORK.resolve("newest-log.gz").toAbsolutePath();
        Files.deleteIfExists(dumped);
        layout.debugfsLogs(disk, "dump /archive/" + newest + " " + dumped);
        Host.Result text = Host.run(List.of("gzip", "-dc", dumped.toString()), 60);
        assertEquals(0, text.exitCode(), text.output());
        assertTrue(text.output().contains(line), "archive " + newest + " holds '" + line + "'");
    }

    /** The fresh stick, BIOS: serves, shows the console, takes a change through the CLI, syncs it, reboots. */
    private static void firstBoot(Path disk) throws Exception {
        try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, Appliance.WORK, "lifecycle-1")) {
            Duration login = Appliance.awaitInquiry(vm, 0, Appliance.BOOT_TIMEOUT);
            Appliance.record("BIOS boot: qemu start to first iSCSI login " + login.toMillis() + " ms");
            SerialConsole console = vm.console();
            String screen = console.awaitConsoleMainScreen(Appliance.BOOT_TIMEOUT);
            Appliance.record("BIOS boot: qemu start to the console's main screen on ttyS0 "
                    + vm.sinceStart().toMillis() + " ms");
            assertTrue(screen.contains(Appliance.DEFAULT_TARGET), "the main screen lists the default target:\n" + screen);
            assertTrue(screen.contains("scratch0"), "the main screen lists the default device:\n" + screen);
            assertTrue(screen.contains("Flash sync:"), "the main screen shows the flash sync state:\n" + screen);
            console.quitConsole();
            String devices = console.run("blockhouse device list", Duration.ofMinutes(2));
            assertTrue(devices.contains("scratch0"), "the CLI lists the default device:\n" + devices);
            Appliance.guestToolsWork(console);
            // The change goes through the daemon (its CLI), as an operator makes it; then "sync now" through the
            // daemon's API, which runs the appliance's sync tool.
            console.run("blockhouse device add scratch1 --backend ram --size 32M --block-size 4096"
                    + " && blockhouse lun map " + Appliance.DEFAULT_TARGET + " 1 scratch1", Duration.ofMinutes(3));
            String synced = console.run("blockhouse --json sync now; blockhouse-sync status", Duration.ofMinutes(2));
            assertTrue(synced.contains("\"result\":\"ok\"") && synced.contains("result=ok"),
                    "sync state after the change:\n" + synced);
            assertTrue(synced.contains("\"pending\":false") && synced.contains("pending=no"), synced);
            console.send("reboot");
            assertTrue(vm.awaitExit(Duration.ofMinutes(3)), "the guest rebooted (qemu -no-reboot exits)");
        }
    }
}
