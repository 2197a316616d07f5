package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same bytes: two builds of the image from the same tree, a minute apart in wall-clock time (so that any
 * timestamp leaking into the image shows), give identical files.
 */
class ReproducibleBuildIT {

    @Test
    void twoBuildsOfTheSameTreeAreIdentical() throws Exception {
        Host.builtImage(); // the first build ran (mvn -Pimage), so its inputs are cached
        Path script = Path.of("src", "main", "sh", "build-image.sh");
        String jar = System.getProperty("blockhouse.daemon.jar", "../daemon/target/blockhouse-daemon.jar");
        String[] sums = new String[2];
        for (int i = 0; i < 2; i++) {
            Path out = Path.of("target", "repro-" + i);
            Host.Result r = Host.run(List.of("bash", script.toString(), "--daemon-jar", jar, "--out", out.toString()),
                    1800);
            assertEquals(0, r.exitCode(), r.output());
            Path image = out.resolve("blockhouse-usb.img");
            sums[i] = sha256(image);
            Files.delete(image);
            if (i == 0) {
                Thread.sleep(61_000);
            }
        }
        assertEquals(sums[0], sums[1], "two builds of the same tree differ");
        ApplianceBootIT.record("reproducible build: sha256 " + sums[0]);
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
