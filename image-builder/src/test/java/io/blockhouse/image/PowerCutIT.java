package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Power cuts during configuration changes and syncs: qemu is killed at random moments (the last change's sync is
 * under way, or just done) while 50 changes are made. Every following boot must come up with a configuration that
 * verifies, no older than the last sync the guest acknowledged, and the config partition must check clean with
 * e2fsck -fn once the boot has opened and closed it.
 */
class PowerCutIT {

    static final Path WORK = Path.of("target", "qemu");
    static final int CHANGES = 50;
    static final Pattern VERSION = Pattern.compile("\"alias\": \"change-(\\d+)\"");

    /** The appliance default with the target alias carrying the change number. */
    static String config(int change) {
        return "{\"listen\": [\"0.0.0.0:3260\"], \"devices\": [{\"name\": \"scratch0\", \"backend\": \"ram\","
                + " \"size\": \"64M\", \"blockSize\": 512}], \"targets\": [{\"name\": \"" + ApplianceBootIT.DEFAULT_TARGET
                + "\", \"alias\": \"change-" + change + "\", \"luns\": [{\"lun\": 0, \"device\": \"scratch0\"}]}]}";
    }

    @Test
    void everyBootAfterAPowerCutHasAValidConfigurationAndACleanPartition() throws Exception {
        Path image = Host.builtImage();
        Host.require(Host.hasCommand("e2fsck"), "e2fsck (package e2fsprogs)");
        ImageLayout layout = ImageLayout.of(image);
        Path disk = Host.copyOf(image, WORK, "powercut");
        long seed = Long.getLong("blockhouse.powercut.seed", System.nanoTime());
        Random random = new Random(seed);
        ApplianceBootIT.record("power-cut test seed " + seed);
        int made = 0;
        int acknowledged = 0;
        int boots = 0;
        try {
            while (made < CHANGES) {
                boots++;
                try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, WORK, "powercut-" + boots)) {
                    SerialConsole console = vm.console();
                    console.leaveConsoleForShell(ApplianceBootIT.BOOT_TIMEOUT);
                    // The boot restored (or, before the first sync, found nothing): the partition is closed again.
                    // On a fresh stick the agent may already have saved the daemon's first configuration (ok).
                    String status = console.run("blockhouse-sync status", Duration.ofMinutes(1));
                    boolean fresh = acknowledged == 0 && (status.contains("result=none") || status.contains("result=ok"));
                    assertTrue(status.contains("result=restored") || fresh,
                            "boot " + boots + " (seed " + seed + ") restored a generation:\n" + status);
                    int restored = restoredChange(console);
                    assertTrue(restored >= acknowledged, "boot " + boots + " restored change " + restored
                            + " but change " + acknowledged + " had been acknowledged (seed " + seed + ")");
                    Host.Result fsck = layout.checkConfigPartition(disk);
                    assertEquals(0, fsck.exitCode(), "e2fsck -fn after boot " + boots + " (seed " + seed + "):\n"
                            + fsck.output());

                    int batch = Math.min(CHANGES - made, 3 + random.nextInt(10));
                    for (int i = 1; i < batch; i++) {
                        made++;
                        change(console, made);
                        // (the agent may have saved it first: either way it is acknowledged once nothing is pending)
                        String out = console.run("blockhouse-sync now && blockhouse-sync status", Duration.ofMinutes(1));
                        assertTrue(out.contains("result=ok") && out.contains("pending=no"), out);
                        acknowledged = made;
                    }
                    // The last change of the batch: cut the power at a random moment of its sync.
                    made++;
                    change(console, made);
                    console.send("blockhouse-sync now");
                    Thread.sleep(random.nextInt(1500));
                    vm.powerCut();
                }
            }
            // A last boot: it must come up valid, and a clean shutdown leaves the partition clean.
            boots++;
            try (QemuMachine vm = QemuMachine.boot(disk, QemuMachine.Firmware.BIOS, WORK, "powercut-" + boots)) {
                SerialConsole console = vm.console();
                console.leaveConsoleForShell(ApplianceBootIT.BOOT_TIMEOUT);
                assertTrue(restoredChange(console) >= acknowledged);
                ApplianceBootIT.awaitInquiry(vm, 0, ApplianceBootIT.BOOT_TIMEOUT);
                console.send("poweroff");
                assertTrue(vm.awaitExit(Duration.ofMinutes(3)), "the guest powered off");
            }
            Host.Result fsck = layout.checkConfigPartition(disk);
            assertEquals(0, fsck.exitCode(), "e2fsck -fn at the end:\n" + fsck.output());
            ApplianceBootIT.record("power-cut test: " + CHANGES + " changes, " + (boots - 1) + " power cuts, all boots valid");
        } finally {
            Files.deleteIfExists(disk);
        }
    }

    private static void change(SerialConsole console, int n) throws Exception {
        String encoded = Base64.getEncoder().encodeToString(config(n).getBytes());
        console.run("echo " + encoded + " | base64 -d > /var/lib/blockhouse/blockhouse.json.new"
                + " && mv /var/lib/blockhouse/blockhouse.json.new /var/lib/blockhouse/blockhouse.json",
                Duration.ofSeconds(30));
    }

    /** The change number in the running configuration (0: the factory default, nothing restored). */
    private static int restoredChange(SerialConsole console) throws Exception {
        String json = console.run("cat /var/lib/blockhouse/blockhouse.json 2>/dev/null || echo none",
                Duration.ofSeconds(30));
        if (json.contains("none") && !json.contains("{")) {
            return 0;
        }
        Matcher m = VERSION.matcher(json);
        assertTrue(m.find(), "the restored configuration is whole:\n" + json);
        return Integer.parseInt(m.group(1));
    }
}
