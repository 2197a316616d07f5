package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration changes and syncs on a running appliance, with the power cut (qemu killed) at a random moment of a
 * batch's last sync; and the check every boot after a cut must pass: the configuration it restored verifies and is
 * no older than the last change whose sync the guest acknowledged, and the config partition checks clean.
 * Change {@code n} is the appliance default with the target alias {@code change-n}, written straight into the
 * daemon's configuration file, as a restore would, so that each one is one sync.
 */
final class PowerCuts {

    static final Pattern VERSION = Pattern.compile("\"alias\": \"change-(\\d+)\"");

    private final ConfigPartition partition;
    private final Random random;
    private final long seed;
    private int made;
    private int acknowledged;

    PowerCuts(ConfigPartition partition, long seed) {
        this.partition = partition;
        this.random = new Random(seed);
        this.seed = seed;
    }

    int made() {
        return made;
    }

    /**
     * {@code changes} changes, each synced and acknowledged but the last; during the last one's sync, after a random
     * delay of up to 1.5 s, the power is cut.
     */
    void batchThenCut(QemuMachine vm, int changes) throws IOException, InterruptedException {
        SerialConsole console = vm.console();
        for (int i = 1; i < changes; i++) {
            change(console, ++made);
            // (the agent may have saved it first: either way it is acknowledged once nothing is pending)
            String out = console.run("blockhouse-sync now && blockhouse-sync status", Duration.ofMinutes(1));
            assertTrue(out.contains("result=ok") && out.contains("pending=no"), out);
            acknowledged = made;
        }
        change(console, ++made);
        console.send("blockhouse-sync now");
        Thread.sleep(random.nextInt(1500));
        vm.powerCut();
    }

    /** After a boot that follows a power cut, on the shell of the serial console. */
    void assertBootIsValid(SerialConsole console, String boot) throws IOException, InterruptedException {
        String status = console.run("blockhouse-sync status", Duration.ofMinutes(1));
        assertTrue(status.contains("result=restored"), boot + " (seed " + seed + ") restored a generation:\n" + status);
        int restored = restoredChange(console);
        assertTrue(restored >= acknowledged, boot + " restored change " + restored + " but change " + acknowledged
                + " had been acknowledged (seed " + seed + ")");
        // The boot has restored and closed the partition again.
        partition.assertClean("after " + boot + " (seed " + seed + ")");
    }

    /** Splits {@code total} changes into {@code batches} random sizes of at least 2 (a synced one and the cut one). */
    int[] batchSizes(int total, int batches) {
        int[] sizes = new int[batches];
        int left = total;
        for (int i = 0; i < batches; i++) {
            int rest = batches - i - 1;
            int most = left - 2 * rest;
            int fair = left / (rest + 1);
            sizes[i] = rest == 0 ? left : Math.max(2, Math.min(most, fair / 2 + random.nextInt(fair + 1)));
            left -= sizes[i];
        }
        return sizes;
    }

    private static void change(SerialConsole console, int n) throws IOException, InterruptedException {
        String config = "{\"listen\": [\"0.0.0.0:3260\"], \"devices\": [{\"name\": \"scratch0\", \"backend\": \"ram\","
                + " \"size\": \"64M\", \"blockSize\": 512}], \"targets\": [{\"name\": \"" + Appliance.DEFAULT_TARGET
                + "\", \"alias\": \"change-" + n + "\", \"luns\": [{\"lun\": 0, \"device\": \"scratch0\"}]}]}";
        String encoded = Base64.getEncoder().encodeToString(config.getBytes());
        console.run("echo " + encoded + " | base64 -d > /var/lib/blockhouse/blockhouse.json.new"
                + " && mv /var/lib/blockhouse/blockhouse.json.new /var/lib/blockhouse/blockhouse.json",
                Duration.ofSeconds(30));
    }

    /** The change number in the running configuration. */
    private int restoredChange(SerialConsole console) throws IOException, InterruptedException {
        String json = console.run("cat /var/lib/blockhouse/blockhouse.json", Duration.ofSeconds(30));
        Matcher m = VERSION.matcher(json);
        if (!m.find()) {
            // Only the configuration made before the first change may lack the alias.
            assertTrue(acknowledged == 0 && json.contains("{"), "the restored configuration is whole:\n" + json);
            return 0;
        }
        return Integer.parseInt(m.group(1));
    }
}
