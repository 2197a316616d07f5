package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the image tests know about a booted appliance, and the checks they make on it from the host and the shell. */
final class Appliance {

    static final String DEFAULT_TARGET = "iqn.2026-11.io.blockhouse:appliance";
    /** Generous: under TCG on a busy 2-core host a boot has taken up to 6 minutes to its first login. */
    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(8);
    static final Path WORK = Path.of("target", "qemu");

    private Appliance() {
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

    /**
     * util-linux and mdadm in the guest: the daemon's disk listing runs {@code lsblk -J} and its in-use checks
     * {@code blkid -p} (busybox has neither); an md array made under another host name is assembled again under its
     * own name by the boot script's {@code assemble_raid}, and an inactive LVM volume group is activated by its
     * {@code activate_lvm}.
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
        console.run("mdadm --stop /dev/md7 2>&1 && losetup -d /dev/loop6 && losetup -d /dev/loop7 && rm /tmp/m0 /tmp/m1",
                Duration.ofMinutes(1));
        // A volume group left inactive (as a boot finds it) is activated by the boot script's activate_lvm.
        console.run("truncate -s 64M /tmp/l0 && losetup /dev/loop5 /tmp/l0 && lvm pvcreate -q /dev/loop5 2>&1"
                + " && lvm vgcreate -q bhtest /dev/loop5 2>&1 && lvm lvcreate -q -L 16M -n lv0 bhtest 2>&1"
                + " && lvm vgchange -q --activate n bhtest 2>&1", Duration.ofMinutes(2));
        String activated = console.run(". /usr/lib/blockhouse/common.sh && activate_lvm && echo"
                + " && blockdev --getsize64 /dev/bhtest/lv0",
                Duration.ofMinutes(2));
        assertTrue(activated.contains("bhtest") && activated.contains("16777216"),
                "activate_lvm brings bhtest/lv0 (16 MiB) up:\n" + activated);
        console.run("lvm vgremove -q -f bhtest 2>&1 && losetup -d /dev/loop5 && rm /tmp/l0", Duration.ofMinutes(1));
    }

    static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 3000));
    }

    /** Appends a measured figure to target/boot-times.txt (docs/APPLIANCE.md quotes them). */
    static void record(String line) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "boot-times.txt"), Instant.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
