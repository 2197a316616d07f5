package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance's log writer (rootfs/usr/sbin/blockhouse-logwriter) run on the build host: RAM use is capped by
 * size-based rotation, and the kept files hold the newest lines whole and in order (nothing lost or split at a
 * rotation).
 */
class LogWriterTest {

    static final Path SCRIPT = Path.of("src", "main", "rootfs", "usr", "sbin", "blockhouse-logwriter").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void rotatesAtTheCapAndKeepsTheNewestLinesWholeAndInOrder() throws Exception {
        Path log = dir.resolve("messages");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString(), log.toString()).redirectErrorStream(true);
        pb.environment().put("BLOCKHOUSE_LOG_MAX", "4000");
        pb.environment().put("BLOCKHOUSE_LOG_KEEP", "3");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            for (int i = 1; i <= 3000; i++) {
                in.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        List<String> lines = new ArrayList<>();
        for (String name : List.of("messages.2", "messages.1", "messages.0", "messages")) {
            Path f = dir.resolve(name);
            assertTrue(Files.isRegularFile(f), name + " exists");
            assertTrue(Files.size(f) <= 4000 + 20, name + " is capped: " + Files.size(f));
            lines.addAll(Files.readAllLines(f));
        }
        assertTrue(Files.notExists(dir.resolve("messages.3")), "only 3 rotated files are kept");
        int first = Integer.parseInt(lines.get(0).substring(5));
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("line " + (first + i), lines.get(i), "line " + i + " of the kept logs");
        }
        assertEquals("line 3000", lines.get(lines.size() - 1));
    }
}
