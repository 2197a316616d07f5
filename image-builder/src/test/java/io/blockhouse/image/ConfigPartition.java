package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config partition of a stick the guest has shut down, read on the host without mounting it: e2fsck -fn must
 * find it clean, and its newest generation (gen-NNNNNN-SHA256.tar) must match its checksum.
 */
final class ConfigPartition {

    static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})-([0-9a-f]{64})\\.tar");

    private final ImageLayout layout;
    private final Path disk;

    ConfigPartition(ImageLayout layout, Path disk) {
        this.layout = layout;
        this.disk = disk;
    }

    void assertClean(String when) throws IOException, InterruptedException {
        Host.Result fsck = layout.checkConfigPartition(disk);
        assertEquals(0, fsck.exitCode(), "e2fsck -fn on the config partition " + when + ":\n" + fsck.output());
    }

    /**
     * The daemon's configuration files (its own generations, concatenated) inside the newest flash generation, after
     * checking that the flash generation's name carries the SHA-256 of its contents.
     */
    String newestDaemonConfigs() throws IOException, InterruptedException, NoSuchAlgorithmException {
        String listing = layout.debugfsConfig(disk, "ls /generations");
        Matcher m = GENERATION.matcher(listing);
        String newest = null;
        long newestNumber = -1;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            if (n > newestNumber) {
                newestNumber = n;
                newest = m.group();
            }
        }
        assertNotNull(newest, "a generation on the config partition:\n" + listing);
        Path dumped = Appliance.WORK.resolve("newest-generation.tar");
        Files.deleteIfExists(dumped);
        layout.debugfsConfig(disk, "dump /generations/" + newest + " " + dumped.toAbsolutePath());
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dumped)));
        Matcher name = GENERATION.matcher(newest);
        assertTrue(name.matches());
        assertEquals(name.group(2), sum, "generation " + newest + ": its name carries the checksum of its contents");
        Host.Result tar = Host.run(List.of("tar", "-xOf", dumped.toString(), "--wildcards",
                "var/lib/blockhouse/config/gen-*.json"), 30);
        assertEquals(0, tar.exitCode(), tar.output());
        return tar.output();
    }
}
