package io.blockhouse.iscsi.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk data through the whole transport with QEMU's libiscsi block driver: an 8 MiB image written (large writes:
 * immediate, unsolicited and solicited Data-Out) and read back (multi-PDU Data-In), compared byte for byte.
 */
class QemuImgRoundTripTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:qemu";

    @Test
    void imageSurvivesAWriteAndReadBack(@TempDir Path dir) throws Exception {
        boolean present = new File("/usr/bin/qemu-img").canExecute();
        if (Boolean.getBoolean("blockhouse.requireExternal")) {
            assertTrue(present, "qemu-img is required");
        }
        Assumptions.assumeTrue(present, "qemu-img not installed");
        byte[] image = new byte[8 << 20];
        new Random(42).nextBytes(image);
        Path source = dir.resolve("source.raw");
        Path copy = dir.resolve("copy.raw");
        Files.write(source, image);
        TestTarget target = new TestTarget(IQN, (8 << 20) / 512);
        IscsiServer server = new IscsiServer(new TestCatalog().add(target), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        try {
            String url = "iscsi://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/" + IQN + "/0";
            run("qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", source.toString(), url);
            assertArrayEquals(image, target.lastNexus().disk(), "the target holds what was written");
            run("qemu-img", "convert", "-f", "raw", "-O", "raw", url, copy.toString());
            byte[] back = Files.readAllBytes(copy);
            assertEquals(image.length, back.length);
            assertTrue(Arrays.equals(image, back), "read back differs");

            // Again with CRC32C header digests negotiated (libiscsi offers header digests only).
            Path digested = dir.resolve("digested.raw");
            run("qemu-img", "convert", "-O", "raw", "--image-opts",
                    "driver=iscsi,transport=tcp,portal=127.0.0.1:" + server.boundAddresses().get(0).getPort()
                            + ",target=" + IQN + ",lun=0,header-digest=crc32c", digested.toString());
            assertTrue(Arrays.equals(image, Files.readAllBytes(digested)), "read back with digests differs");
        } finally {
            server.close();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
