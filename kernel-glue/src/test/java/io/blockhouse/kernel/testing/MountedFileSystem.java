package io.blockhouse.kernel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file system image (ext4, xfs, btrfs) made on a loop device over a sparse file and mounted on a temp directory;
 * {@link #close()} unmounts it, detaches the loop device and deletes image and mount point, whatever failed before.
 */
public final class MountedFileSystem implements AutoCloseable {

    private final String type;
    private final LoopDevice loop;
    private final Path mountPoint;
    private boolean mounted;

    private MountedFileSystem(String type, LoopDevice loop, Path mountPoint) {
        this.type = type;
        this.loop = loop;
        this.mountPoint = mountPoint;
    }

    /** Skips/fails the test unless loop devices work and {@code mkfs.<type>} is installed. */
    public static void requireAvailable(String type) {
        LoopDevice.requireAvailable();
        ExternalRequirement.require(Commands.onPath("mkfs." + type), "mkfs." + type + " not installed");
    }

    /** Creates, formats and mounts a {@code type} file system of {@code sizeBytes} under {@code workDir}. */
    public static MountedFileSystem create(String type, long sizeBytes, Path workDir) throws IOException {
        return create(type, sizeBytes, workDir, 512);
    }

    /** Like {@link #create(String, long, Path)} on a loop device with {@code sectorSize}-byte logical sectors. */
    public static MountedFileSystem create(String type, long sizeBytes, Path workDir, int sectorSize)
            throws IOException {
        LoopDevice loop = LoopDevice.create(workDir.resolve(type + ".img"), sizeBytes, sectorSize);
        Path mountPoint = workDir.resolve(type + "-mnt");
        MountedFileSystem fs = new MountedFileSystem(type, loop, mountPoint);
        try {
            Files.createDirectories(mountPoint);
            Commands.check(mkfsCommand(type, loop.device().toString()));
            Commands.check("mount", "-t", type, loop.device().toString(), mountPoint.toString());
            fs.mounted = true;
            return fs;
        } catch (IOException | RuntimeException e) {
            try {
                fs.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static String[] mkfsCommand(String type, String device) {
        return switch (type) {
            // -F/-f: the image is fresh, never ask; ext4 without lazy init so no kernel thread keeps writing.
            case "ext4" -> new String[] {"mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0",
                    device};
            case "xfs" -> new String[] {"mkfs.xfs", "-q", "-f", device};
            case "btrfs" -> new String[] {"mkfs.btrfs", "-q", "-f", device};
            default -> throw new IllegalArgumentException("unsupported file system " + type);
        };
    }

    /** The file system type. */
    public String type() {
        return type;
    }

    /** Where it is mounted. */
    public Path mountPoint() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (mounted) {
            Commands.Result result = Commands.run("umount", mountPoint.toString());
            if (!result.ok()) {
                // Lazy unmount as a last resort so the loop device can still be released.
                Commands.run("umount", "-l", mountPoint.toString());
                failure = new IOException("umount " + mountPoint + ": " + result.output());
            }
            mounted = false;
        }
        try {
            loop.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        Files.deleteIfExists(mountPoint);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return type + " on " + loop.device();
    }
}
