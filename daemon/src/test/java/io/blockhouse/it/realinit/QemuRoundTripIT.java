package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.kernel.testing.LoopDevice;
import io.blockhouse.kernel.testing.MountedFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 256 MiB random image copied onto a LUN with {@code qemu-img convert} (QEMU's libiscsi driver) and back must be
 * byte-identical: on every back-end, with the header digest on and off, ImmediateData and InitialR2T both ways,
 * and the target's MaxRecvDataSegmentLength at 8 KiB (many Data-Out PDUs per burst) and 256 KiB.
 *
 * <p>The RAM back-end runs the full cross product of the session parameters; each file-system and block back-end
 * runs two opposite corners of it, so every back-end sees digests, solicited and unsolicited data, and both segment
 * sizes.
 */
class QemuRoundTripIT {

    private static final long IMAGE_SIZE = 256L << 20;
    private static final String TARGET = "iqn.2026-11.io.blockhouse:qemu";

    @TempDir
    static Path work;
    private static Path image;
    private static byte[] imageDigest;
    /** Loop devices and mounts of the running case, closed (in reverse) when it ends. */
    private final List<AutoCloseable> fixtures = new ArrayList<>();

    @BeforeAll
    static void makeImage() throws Exception {
        External.requireCommand("qemu-img");
        image = work.resolve("source.raw");
        Random random = new Random(20261124);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(image)) {
            for (long done = 0; done < IMAGE_SIZE; done += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        imageDigest = sha256(image);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = fixtures.size() - 1; i >= 0; i--) {
            fixtures.get(i).close();
        }
        fixtures.clear();
    }

    /** Back-end, header digest, ImmediateData, InitialR2T, MaxRecvDataSegmentLength. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean digest : new boolean[] {true, false}) {
            for (boolean immediate : new boolean[] {true, false}) {
                for (boolean initialR2T : new boolean[] {true, false}) {
                    for (int mrdsl : new int[] {8192, 262144}) {
                        cases.add(Arguments.of("ram", digest, immediate, initialR2T, mrdsl));
                    }
                }
            }
        }
        for (String backend : List.of("ext4", "xfs", "btrfs", "block")) {
            cases.add(Arguments.of(backend, true, true, false, 8192));
            cases.add(Arguments.of(backend, false, false, true, 262144));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} digest={1} ImmediateData={2} InitialR2T={3} MRDSL={4}")
    @MethodSource("cases")
    void imageSurvivesRoundTrip(String backend, boolean headerDigest, boolean immediateData, boolean initialR2T,
                                int maxRecvDataSegmentLength) throws Exception {
        Path caseDir = Files.createTempDirectory(work, backend);
        DaemonConfig config = new DaemonConfig()
                .iscsi("headerDigest", headerDigest)
                .iscsi("immediateData", immediateData)
                .iscsi("initialR2T", initialR2T)
                .iscsi("maxRecvDataSegmentLength", maxRecvDataSegmentLength);
        addDevice(config, backend, caseDir);
        config.target(TARGET).lun(0, "disk");
        Path copy = caseDir.resolve("copy.raw");
        try (DaemonProcess daemon = DaemonProcess.start(config, caseDir)) {
            String opts = QemuImg.imageOpts(daemon.port(), TARGET, 0, headerDigest);
            QemuImg.upload(image, opts);
            QemuImg.download(opts, copy);
            daemon.assertAlive();
            daemon.assertNoLeaks();
        }
        assertEquals(IMAGE_SIZE, Files.size(copy));
        assertArrayEquals(imageDigest, sha256(copy), "image changed on its way through the target");
        Files.delete(copy);
    }

    private void addDevice(DaemonConfig config, String backend, Path caseDir) throws IOException {
        switch (backend) {
            case "ram" -> config.ramDevice("disk", "256M");
            case "block" -> {
                LoopDevice.requireAvailable();
                LoopDevice loop = LoopDevice.create(caseDir.resolve("loop.img"), IMAGE_SIZE, 512);
                fixtures.add(loop);
                config.device("disk", "block").put("path", loop.device().toString());
            }
            default -> {
                MountedFileSystem.requireAvailable(backend);
                MountedFileSystem fs = MountedFileSystem.create(backend, 640L << 20, caseDir);
                fixtures.add(fs);
                config.fileDevice("disk", fs.mountPoint().resolve("vdisk.img").toString(), "256M");
            }
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return md.digest();
    }
}
