package io.blockhouse.kernel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop device over a sparse backing file, for tests; {@link #close()} detaches it and deletes the file.
 * {@link #requireAvailable()} skips or fails (see {@link ExternalRequirement}) where loop devices cannot be used.
 */
public final class LoopDevice implements AutoCloseable {

    private static volatile String unavailableReason;
    private static volatile boolean probed;

    private final Path device;
    private final Path backingFile;
    private boolean closed;

    private LoopDevice(Path device, Path backingFile) {
        this.device = device;
        this.backingFile = backingFile;
    }

    /** Skips/fails the calling test unless we are root and the kernel hands out loop devices. */
    public static void requireAvailable() {
        probe();
        ExternalRequirement.require(unavailableReason == null, "loop devices: " + unavailableReason);
    }

    private static synchronized void probe() {
        if (probed) {
            return;
        }
        probed = true;
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailableReason = "not running as root";
        } else if (!Commands.onPath("losetup")) {
            unavailableReason = "losetup not installed";
        } else {
            try (LoopDevice probe = create(Files.createTempFile("blockhouse-loop-probe", ".img"), 1 << 20, 512)) {
                if (!Files.exists(probe.device())) {
                    unavailableReason = "losetup printed " + probe.device() + " which does not exist";
                }
            } catch (IOException e) {
                unavailableReason = e.getMessage();
            }
        }
    }

    /**
     * Makes {@code backingFile} a sparse file of {@code sizeBytes} and attaches a loop device over it with the
     * given logical sector size.
     */
    public static LoopDevice create(Path backingFile, long sizeBytes, int sectorSize) throws IOException {
        try (var raf = new java.io.RandomAccessFile(backingFile.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        List<String> command = new ArrayList<>(List.of("losetup", "-f", "--show"));
        if (sectorSize != 512) {
            command.add("--sector-size");
            command.add(Integer.toString(sectorSize));
        }
        command.add(backingFile.toString());
        try {
            String device = Commands.check(command.toArray(String[]::new));
            return new LoopDevice(Path.of(device), backingFile);
        } catch (IOException e) {
            Files.deleteIfExists(backingFile);
            throw e;
        }
    }

    /** The device node, e.g. /dev/loop3. */
    public Path device() {
        return device;
    }

    /** The sparse file behind the device. */
    public Path backingFile() {
        return backingFile;
    }

    /** Detaches the device (retrying briefly while udev still holds it) and deletes the backing file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            Commands.Result result = Commands.run("losetup", "-d", device.toString());
            if (result.ok()) {
                failure = null;
                break;
            }
            failure = new IOException("losetup -d " + device + ": " + result.output());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Files.deleteIfExists(backingFile);
        if (failure != null) {
            throw failure;
        }
    }
}
