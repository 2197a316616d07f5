package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-image.sh against real loop devices (root only): it refuses what it must, writes nothing unless the
 * operator types the device's name, and when it writes, the device holds the image byte for byte.
 */
class InstallScriptTest {

    static final Path SCRIPT = Path.of("src", "main", "sh", "install-image.sh").toAbsolutePath();
    static final int IMAGE_BYTES = 8 << 20;

    @TempDir
    Path tmp;
    private final List<String> loops = new ArrayList<>();
    private Path image;

    @BeforeEach
    void anImageAndRoot() throws Exception {
        Host.require("root".equals(System.getProperty("user.name")) && Host.hasCommand("losetup"),
                "root and losetup (loop devices)");
        byte[] bytes = new byte[IMAGE_BYTES];
        new Random(7).nextBytes(bytes);
        bytes[510] = 0x55;
        bytes[511] = (byte) 0xaa;
        image = Files.write(tmp.resolve("blockhouse-usb.img"), bytes);
    }

    @AfterEach
    void detach() throws Exception {
        Host.run(List.of("umount", tmp.resolve("mnt").toString()), 30);
        for (String loop : loops) {
            Host.run(List.of("losetup", "-d", loop), 30);
        }
    }

    @Test
    void writesAndVerifiesOnlyAfterTheDeviceNameIsTyped() throws Exception {
        String stick = loop(16 << 20);
        Host.Result no = install(image, stick, "yes\n");
        assertNotEquals(0, no.exitCode());
        assertTrue(no.output().contains("not confirmed: nothing written"), no.output());
        assertTrue(isAllZero(stick), "nothing was written without the device name");

        Host.Result yes = install(image, stick, stick + "\n");
        assertEquals(0, yes.exitCode(), yes.output());
        assertTrue(yes.output().contains("written and verified"), yes.output());
        assertArrayEquals(Files.readAllBytes(image), head(stick, IMAGE_BYTES));
    }

    @Test
    void refusesWhatIsNotAWholeFreeLargeEnoughDisk() throws Exception {
        refused(install(image, tmp.resolve("file.img").toString(), ""), "is not a block device");
        String small = loop(4 << 20);
        refused(install(image, small, small + "\n"), "the image needs");
        String mounted = loop(16 << 20);
        Host.Result mkfs = Host.run(List.of("mkfs.ext4", "-q", "-F", mounted), 60);
        assertEquals(0, mkfs.exitCode(), mkfs.output());
        Files.createDirectories(tmp.resolve("mnt"));
        assertEquals(0, Host.run(List.of("mount", mounted, tmp.resolve("mnt").toString()), 60).exitCode());
        refused(install(image, mounted, mounted + "\n"), "is in use");
        Path notAnImage = Files.write(tmp.resolve("random.bin"), new byte[1 << 20]);
        String free = loop(16 << 20);
        refused(install(notAnImage, free, free + "\n"), "has no partition table");
        assertTrue(isAllZero(free) && isAllZero(small));
    }

    private static void refused(Host.Result r, String why) {
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains(why), "expected '" + why + "' in:\n" + r.output());
    }

    private String loop(int bytes) throws IOException, InterruptedException {
        Path backing = tmp.resolve("loop" + loops.size() + ".img");
        try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(bytes);
        }
        Host.Result r = Host.run(List.of("losetup", "--find", "--show", backing.toString()), 30);
        assertEquals(0, r.exitCode(), r.output());
        String device = r.output().trim();
        loops.add(device);
        return device;
    }

    private Host.Result install(Path img, String device, String typed) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), img.toString(), device)
                .redirectErrorStream(true).start();
        p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "install-image.sh ended");
        return new Host.Result(p.exitValue(), out);
    }

    private static byte[] head(String device, int bytes) throws IOException {
        try (var in = Files.newInputStream(Path.of(device))) {
            return in.readNBytes(bytes);
        }
    }

    private static boolean isAllZero(String device) throws IOException {
        for (byte b : head(device, 4 << 20)) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
