package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same bytes: a second build of the image from the same tree, at least a minute after the one Maven
 * made (so that any timestamp leaking into the image shows), gives an identical file.
 */
class ReproducibleBuildIT {

    @Test
    void aSecondBuildOfTheSameTreeIsIdentical() throws Exception {
        Path first = Host.builtImage(); // the build Maven ran, so the inputs are cached
        Duration since = Duration.between(Files.getLastModifiedTime(first).toInstant(), Instant.now());
        if (since.toSeconds() < 61) {
            Thread.sleep((61 - since.toSeconds()) * 1000);
        }
        Path script = Path.of("src", "main", "sh", "build-image.sh");
        String daemonJar = System.getProperty("blockhouse.daemon.jar", "../daemon/target/blockhouse-daemon.jar");
        String tuiJar = System.getProperty("blockhouse.tui.jar", "../tui/target/blockhouse-tui.jar");
        Path out = Path.of("target", "repro");
        Host.Result r = Host.run(List.of("bash", script.toString(), "--daemon-jar", daemonJar, "--tui-jar", tuiJar,
                "--out", out.toString()), 1800);
        assertEquals(0, r.exitCode(), r.output());
        Path second = out.resolve("blockhouse-usb.img");
        String sum = sha256(first);
        assertEquals(sum, sha256(second), "two builds of the same tree differ");
        Files.delete(second);
        Appliance.record("reproducible build: sha256 " + sum);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
