package io.blockhouse.image;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where the partitions of a built image start, from blockhouse-usb.properties (written next to the image), and the
 * host-side, mount-free reads of its ext4 partitions (e2fsck -fn, debugfs).
 */
record ImageLayout(long bootOffset, long configOffset, long logsOffset) {

    static ImageLayout of(Path image) throws IOException {
        Path file = image.resolveSibling("blockhouse-usb.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new ImageLayout(Long.parseLong(p.getProperty("boot.offset")),
                Long.parseLong(p.getProperty("config.offset")), Long.parseLong(p.getProperty("logs.offset")));
    }

    /** e2fsck -fn on the config partition of {@code disk}: exit 0 means clean. */
    Host.Result checkConfigPartition(Path disk) throws IOException, InterruptedException {
        return fsck(disk, configOffset);
    }

    /** debugfs -R COMMAND on the config partition (read-only, no mount). */
    String debugfsConfig(Path disk, String command) throws IOException, InterruptedException {
        return debugfs(disk, configOffset, command);
    }

    /** e2fsck -fn on the logs partition of {@code disk}: exit 0 means clean. */
    Host.Result checkLogsPartition(Path disk) throws IOException, InterruptedException {
        return fsck(disk, logsOffset);
    }

    private static Host.Result fsck(Path disk, long offset) throws IOException, InterruptedException {
        return Host.run(List.of("e2fsck", "-fn", disk + "?offset=" + offset), 120);
    }

    /** debugfs -R COMMAND on the logs partition (read-only, no mount). */
    String debugfsLogs(Path disk, String command) throws IOException, InterruptedException {
        return debugfs(disk, logsOffset, command);
    }

    private static String debugfs(Path disk, long offset, String command) throws IOException, InterruptedException {
        Host.Result r = Host.run(List.of("debugfs", "-R", command, disk + "?offset=" + offset), 60);
        if (r.exitCode() != 0) {
            throw new IOException("debugfs -R '" + command + "' failed: " + r.output());
        }
        return r.output();
    }
}
