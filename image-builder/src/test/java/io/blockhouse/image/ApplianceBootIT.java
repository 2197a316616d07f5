package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Boots the built image in qemu (TCG, 1 GiB RAM) as a USB stick, with BIOS and with UEFI firmware, and reads the
 * default LUN from the host through the port forward with libiscsi's iscsi-inq. The time from qemu's start to the
 * first successful iSCSI login is appended to target/boot-times.txt. The console TUI must then be on the serial line
 * (ttyS0, 115200) showing the live state, and quitting it must leave a shell where the CLI, lsblk, blkid -p and
 * the boot script's RAID assembly work.
 */
class ApplianceBootIT {

    static final String DEFAULT_TARGET = "iqn.2026-11.io.blockhouse:appliance";
    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(6);
    static final Path WORK = Path.of("target", "qemu");

    @Test
    void biosBootServesTheDefaultLun() throws Exception {
        bootAndInquire(QemuMachine.Firmware.BIOS);
    }

    @Test
    void uefiBootServesTheDefaultLun() throws Exception {
        Host.require(Files.isRegularFile(Path.of(QemuMachine.OVMF_CODE)), QemuMachine.OVMF_CODE + " (package ovmf)");
        bootAndInquire(QemuMachine.Firmware.UEFI);
    }

    private void bootAndInquire(QemuMachine.Firmware firmware) throws Exception {
        Path image = Host.builtImage();
        Host.require(Host.hasCommand("iscsi-inq"), "iscsi-inq (package libiscsi-bin)");
        String name = "boot-" + firmware.name().toLowerCase();
        Path disk = Host.copyOf(image, WORK, name);
        try (QemuMachine vm = QemuMachine.boot(disk, firmware, WORK, name)) {
            Duration toLogin = awaitInquiry(vm, 0, BOOT_TIMEOUT);
            record(firmware + " boot: qemu start to first iSCSI login " + toLogin.toMillis() + " ms");
            // The console TUI is up on the serial line and shows the live state: the default target, its device.
            String screen = vm.console().awaitConsoleMainScreen(Duration.ofMinutes(3));
            record(firmware + " boot: qemu start to the console's main screen on ttyS0 " + vm.sinceStart().toMillis()
                    + " ms");
            assertTrue(screen.contains(DEFAULT_TARGET), "the main screen lists the default target:\n" + screen);
            assertTrue(screen.contains("scratch0"), "the main screen lists the default device:\n" + screen);
            assertTrue(screen.contains("Flash sync:"), "the main screen shows the flash sync state:\n" + screen);
            // Leaving it gives the root shell, where the CLI talks to the daemon.
            vm.console().quitConsole();
            String devices = vm.console().run("blockhouse device list", Duration.ofMinutes(2));
            assertTrue(devices.contains("scratch0"), "the CLI lists the default device:\n" + devices);
            guestToolsWork(vm.console());
        } finally {
            Files.deleteIfExists(disk);
        }
    }

    /**
     * util-linux and mdadm in the guest: the daemon's disk listing runs {@code lsblk -J} and its in-use checks
     * {@code blkid -p} (busybox has neither); an md array made under another host name is assembled again under its
     * own name by the boot script's {@code assemble_raid}.
     */
    static void guestToolsWork(SerialConsole console) throws IOException, InterruptedException {
        String lsblk = console.run("lsblk -J -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL", Duration.ofMinutes(1));
        assertTrue(lsblk.contains("\"blockdevices\"") && lsblk.contains("\"disk\""),
                "lsblk -J lists the disks:\n" + lsblk);
        String type = console.run("blkid -p -o value -s TYPE \"$(findfs LABEL=BH_CONFIG)\"", Duration.ofMinutes(1));
        assertTrue(type.contains("ext4"), "blkid -p probes the config partition as ext4:\n" + type);
        console.run("truncate -s 64M /tmp/m0 /tmp/m1 && losetup /dev/loop6 /tmp/m0 && losetup /dev/loop7 /tmp/m1"
                + " && mdadm --create /dev/md7 --run --level=1 --raid-devices=2 --metadata=1.2"
                + " --homehost=elsewhere /dev/loop6 /dev/loop7 2>&1 && mdadm --stop /dev/md7 2>&1",
                Duration.ofMinutes(2));
        String assembled = console.run(". /usr/lib/blockhouse/common.sh && assemble_raid && echo && cat /proc/mdstat",
                Duration.ofMinutes(2));
        assertTrue(assembled.contains("md7 : active"), "assemble_raid brings md7 back as md7:\n" + assembled);
        console.run("mdadm --stop /dev/md7 2>&1 && losetup -d /dev/loop6 && losetup -d /dev/loop7",
                Duration.ofMinutes(1));
    }

    /**
     * Runs iscsi-inq against LUN {@code lun} of the default target every second until it succeeds; returns the time
     * since qemu started. The reply must be the daemon's standard INQUIRY data.
     */
    static Duration awaitInquiry(QemuMachine vm, int lun, Duration timeout) throws IOException, InterruptedException {
        String url = "iscsi://127.0.0.1:" + vm.iscsiPort() + "/" + DEFAULT_TARGET + "/" + lun;
        long deadline = System.nanoTime() + timeout.toNanos();
        Host.Result last = null;
        while (System.nanoTime() < deadline) {
            last = Host.run(List.of("iscsi-inq", url), 30);
            if (last.exitCode() == 0) {
                Duration elapsed = vm.sinceStart();
                assertTrue(last.output().contains("BLKHOUSE"), "INQUIRY names the vendor: " + last.output());
                return elapsed;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no iSCSI login to " + url + " within " + timeout + "; last iscsi-inq: "
                + (last == null ? "(none)" : last.output()) + "\nconsole tail:\n" + tail(vm.console().output()));
    }

    static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 3000));
    }

    static void record(String line) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "boot-times.txt"), Instant.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
