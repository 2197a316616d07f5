package io.blockhouse.it.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Done-when 2 of the management issue: the daemon is killed with SIGKILL at random points while the CLI makes 200
 * configuration changes. Every restart must load a configuration, namely the last durable generation: never older
 * than the last one the CLI acknowledged, at most the one change that was in flight newer. No generation file may be
 * corrupt or half-written. Finally a rollback to a generation from before the crashes restores exactly its model.
 */
class CrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);

    static final String T = "iqn.2026-11.io.blockhouse.it:crash";
    static final int CHANGES = 200;

    @Test
    void sigkillDuringChangesAlwaysRestartsOnTheLastDurableGeneration(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        log.info("random seed {}", seed);
        DaemonConfig config = new DaemonConfig().iscsi("nopInIntervalSeconds", 0).ramDevice("disk0", "16M");
        config.target(T).lun(0, "disk0");
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        Path dataDir = daemon.dataDir();
        BlockhouseCli cli = new BlockhouseCli(dataDir);

        long acked = currentGeneration(cli);
        long firstGeneration = acked;
        int done = 0;
        int kills = 0;
        int inFlightSurvived = 0;
        long killAt = System.nanoTime() + randomDelay(random);
        while (done < CHANGES) {
            String[] change = change(done);
            if (System.nanoTime() >= killAt) {
                // Kill while this change is being made: start it, wait a random fraction of a CLI call, SIGKILL.
                Process p = cli.start(change);
                Thread.sleep(random.nextInt(450));
                kill(dataDir);
                p.waitFor();
                kills++;
                daemon = DaemonProcess.startEmbeddedDefault(dir);
                long loaded = loadedGeneration(cli);
                assertTrue(loaded >= acked, "restart loaded generation " + loaded + " but " + acked
                        + " had been acknowledged");
                assertTrue(loaded <= acked + 1, "restart loaded " + loaded + ", more than one past " + acked);
                assertStoreClean(dataDir);
                if (loaded == acked + 1) {
                    // The change in flight became durable before the kill: it counts, it is not repeated.
                    inFlightSurvived++;
                    done++;
                }
                acked = currentGeneration(cli);
                killAt = System.nanoTime() + randomDelay(random);
                continue;
            }
            acked = BlockhouseCli.generationOf(cli.ok(change));
            done++;
        }
        log.info("{} changes, {} SIGKILLs, {} in-flight changes found durable after the restart; generations {}..{}",
                done, kills, inFlightSurvived, firstGeneration, acked);
        assertTrue(kills >= 5, "only " + kills + " kills: the test did not test much");

        // Rollback exactness: the model of an older kept generation comes back exactly (listen stays the daemon's).
        JsonNode current = cli.ok("--json", "config", "show").json().path("config");
        long target = -1;
        JsonNode expected = null;
        JsonNode history = cli.ok("--json", "config", "history").json();
        for (int i = 6; i < history.size() && target < 0; i++) {
            long g = history.get(i).path("generation").asLong();
            JsonNode c = cli.ok("--json", "config", "show", "--generation", Long.toString(g)).json().path("config");
            if (!c.path("devices").equals(current.path("devices"))) {
                target = g;
                expected = c;
            }
        }
        assertTrue(target > 0, "no kept generation with another model: " + history);
        cli.ok("config", "rollback", Long.toString(target));
        JsonNode now = cli.ok("--json", "config", "show").json().path("config");
        assertEquals(expected.path("devices"), now.path("devices"));
        assertEquals(expected.path("targets"), now.path("targets"));
        DaemonChecks.stopAndCheck(daemon, "CrashRecoveryIT");
    }

    /** Change number {@code k}: cycles of add device, map it, unmap it, remove it (deterministic, so resumable). */
    private static String[] change(int k) {
        int cycle = k / 4;
        String device = "n" + cycle;
        String lun = Integer.toString(1 + cycle % 50);
        return switch (k % 4) {
            case 0 -> new String[] {"device", "add", device, "--backend", "null", "--size", "4M"};
            case 1 -> new String[] {"lun", "map", T, lun, device};
            case 2 -> new String[] {"lun", "unmap", T, lun};
            default -> new String[] {"device", "rm", device};
        };
    }

    private static long randomDelay(Random random) {
        return 500_000_000L + (long) (random.nextDouble() * 3_000_000_000L);
    }

    private static long currentGeneration(BlockhouseCli cli) throws Exception {
        return cli.ok("--json", "config", "show").json().path("generation").asLong();
    }

    /** The generation the restart loaded: the newest one before the restart's own "listen addresses" one. */
    private static long loadedGeneration(BlockhouseCli cli) throws Exception {
        JsonNode history = cli.ok("--json", "config", "history").json();
        for (JsonNode g : history) {
            if (!g.path("summary").asText().startsWith("listen addresses from the command line")) {
                return g.path("generation").asLong();
            }
        }
        throw new AssertionError("no generation besides listen changes: " + history);
    }

    private static void assertStoreClean(Path dataDir) throws Exception {
        List<String> odd = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("config"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> !n.matches("gen-\\d{6}\\.json")).forEach(odd::add);
        }
        assertEquals(List.of(), odd, "corrupt or temporary files in the config store");
    }

    /** SIGKILL to the daemon serving {@code dataDir}. */
    private static void kill(Path dataDir) throws Exception {
        String marker = dataDir.toString();
        List<ProcessHandle> daemons = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("-jar")).orElse(false))
                .toList();
        assertEquals(1, daemons.size(), "daemon processes for " + marker);
        ProcessHandle h = daemons.get(0);
        h.destroyForcibly();
        h.onExit().get();
    }
}
