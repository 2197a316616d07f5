package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance's configuration sync script (rootfs/usr/sbin/blockhouse-sync) run on the build host against plain
 * directories (BLOCKHOUSE_HOST_TEST: no mount, messages to stderr): generations, checksums, fall-back, pruning.
 */
class SyncScriptTest {

    static final Path ROOTFS = Path.of("src", "main", "rootfs").toAbsolutePath();
    static final Path SCRIPT = ROOTFS.resolve("usr/sbin/blockhouse-sync");

    @TempDir
    Path tmp;
    Path root;
    Path partition;
    Path state;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        partition = Files.createDirectories(tmp.resolve("partition"));
        state = Files.createDirectories(tmp.resolve("state"));
        config = root.resolve("var/lib/blockhouse/blockhouse.json");
        Files.createDirectories(config.getParent());
    }

    private Host.Result sync(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("/bin/sh", SCRIPT.toString()),
                Stream.of(args)).toList()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BLOCKHOUSE_HOST_TEST", "1");
        env.put("BLOCKHOUSE_ROOT", root.toString());
        env.put("BLOCKHOUSE_SYNC_MNT", partition.toString());
        env.put("BLOCKHOUSE_STATE_DIR", state.toString());
        env.put("BLOCKHOUSE_LIB", ROOTFS.resolve("usr/lib/blockhouse").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Host.Result(p.exitValue(), out);
    }

    private List<String> generations() throws IOException {
        Path dir = partition.resolve("generations");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private void configure(String json) throws IOException {
        Files.writeString(config, json);
    }

    @Test
    void aSyncWritesOneGenerationNamedByTheChecksumOfItsBytes() throws Exception {
        configure("{\"v\": 1}");
        Host.Result r = sync("now");
        assertEquals(0, r.exitCode(), r.output());
        List<String> gens = generations();
        assertEquals(1, gens.size(), gens.toString());
        String name = gens.get(0);
        assertTrue(name.matches("gen-000001-[0-9a-f]{64}\\.tar"), name);
        byte[] bytes = Files.readAllBytes(partition.resolve("generations").resolve(name));
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("gen-000001-" + sum + ".tar", name);
        String status = sync("status").output();
        assertTrue(status.contains("result=ok") && status.contains("generation=1") && status.contains("pending=no"),
                status);
    }

    @Test
    void nothingIsWrittenWhenTheConfigurationDidNotChange() throws Exception {
        configure("{\"v\": 1}");
        sync("now");
        Host.Result again = sync("now");
        assertEquals(0, again.exitCode(), again.output());
        assertEquals(1, generations().size());
        configure("{\"v\": 2}");
        assertTrue(sync("status").output().contains("pending=yes"));
        sync("now");
        assertEquals(2, generations().size());
    }

    @Test
    void restoreTakesTheNewestGenerationThatVerifiesAndFallsBackFromADamagedOne() throws Exception {
        configure("{\"v\": 1}");
        sync("now");
        configure("{\"v\": 2}");
        sync("now");
        Files.delete(config);
        assertEquals(0, sync("restore").exitCode());
        assertEquals("{\"v\": 2}", Files.readString(config));

        // A flipped bit in the newest generation: its name no longer matches its bytes.
        Path newest = partition.resolve("generations").resolve(generations().get(1));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[100] ^= 1;
        Files.write(newest, bytes);
        Files.delete(config);
        Host.Result r = sync("restore");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("{\"v\": 1}", Files.readString(config));
        assertTrue(Files.readString(state.resolve("alerts")).contains("damaged"), "an alert names the damage");
    }

    @Test
    void aStrayTemporaryFileFromACutSyncIsIgnoredThenRemoved() throws Exception {
        configure("{\"v\": 1}");
        sync("now");
        Files.writeString(partition.resolve("generations/.gen-000002.tmp"), "half a tar");
        Files.delete(config);
        assertEquals(0, sync("restore").exitCode());
        assertEquals("{\"v\": 1}", Files.readString(config));
        configure("{\"v\": 2}");
        sync("now");
        assertFalse(generations().contains(".gen-000002.tmp"), generations().toString());
        assertTrue(generations().get(1).startsWith("gen-000002-"), generations().toString());
    }

    @Test
    void theNewestEightGenerationsAreKept() throws Exception {
        for (int i = 1; i <= 10; i++) {
            configure("{\"v\": " + i + "}");
            assertEquals(0, sync("now").exitCode());
        }
        List<String> gens = generations();
        assertEquals(8, gens.size(), gens.toString());
        assertTrue(gens.get(0).startsWith("gen-000003-") && gens.get(7).startsWith("gen-000010-"), gens.toString());
    }

    @Test
    void aFreshPartitionRestoresNothingAndSaysFirstBoot() throws Exception {
        Host.Result r = sync("restore");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("first boot"), r.output());
        assertTrue(sync("status").output().contains("result=none"));
    }
}
