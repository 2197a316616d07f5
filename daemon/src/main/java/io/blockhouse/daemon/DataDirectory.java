package io.blockhouse.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The daemon's data directory: resolves relative back-end paths and keeps the instance identity, a random value
 * created once per installation so that derived serial numbers and NAA identifiers are stable across restarts
 * and differ between appliances (two appliances exporting "disk0" must not look like one device to multipath).
 */
public final class DataDirectory {

    private static final String IDENTITY_FILE = "instance-id";

    private final Path root;
    private final String instanceId;

    private DataDirectory(Path root, String instanceId) {
        this.root = root;
        this.instanceId = instanceId;
    }

    /** Creates the directory if needed and reads (or creates, durably) the instance identity. */
    public static DataDirectory open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path idFile = root.resolve(IDENTITY_FILE);
        if (!Files.exists(idFile)) {
            createIdentity(root, idFile);
        }
        String id = Files.readString(idFile, StandardCharsets.US_ASCII).trim();
        if (!id.matches("[0-9a-f]{32}")) {
            throw new IOException(idFile + " is corrupt (expected 32 hex digits); remove it to create a new identity,"
                    + " which changes the serial numbers of devices without an explicit serial");
        }
        return new DataDirectory(root, id);
    }

    private static void createIdentity(Path root, Path idFile) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        Path tmp = root.resolve(IDENTITY_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((HexFormat.of().formatHex(random) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, idFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, idFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Path root() {
        return root;
    }

    /** 32 hex digits, stable for this installation. */
    public String instanceId() {
        return instanceId;
    }

    /** An absolute path as given; a relative one under the data directory. */
    public Path resolve(String path) {
        return root.resolve(path).normalize();
    }
}
