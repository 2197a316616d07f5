package io.blockhouse.scsi.pr;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps APTPL state as {@code <directory>/<unit>.json}. A save writes a temporary file, forces it to disk, renames
 * it over the old file and forces the directory, so after a crash or power loss the file holds either the previous
 * or the new state.
 *
 * <p>A file that cannot be parsed is not deleted: {@link #load} renames it to {@code <unit>.json.corrupt} (kept for
 * inspection, replacing an older one), logs an error naming both paths, and reports it as an {@link IOException};
 * the unit then starts without registrations (see {@link PersistentReservations}). A file that parses but
 * describes an impossible state is set aside the same way through {@link #quarantine}.
 */
public final class FileReservationStore implements ReservationStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileReservationStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    public FileReservationStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The file of {@code unitName}; names that could leave the directory are refused. */
    Path fileOf(String unitName) {
        if (unitName.isEmpty() || !unitName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("unit name unusable as a file name: " + unitName);
        }
        return directory.resolve(unitName + ".json");
    }

    @Override
    public Optional<ReservationSnapshot> load(String unitName) throws IOException {
        Path file = fileOf(unitName);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            ReservationSnapshot s = MAPPER.readValue(bytes, ReservationSnapshot.class);
            if (s == null || s.registrations() == null) {
                throw new IOException("empty document");
            }
            return Optional.of(s);
        } catch (IOException | RuntimeException e) {
            String aside = quarantine(unitName);
            LOG.error("{} is not valid reservation state ({}); moved to {}", file, e.getMessage(), aside);
            throw new IOException(file + " is corrupt (moved to " + aside + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String quarantine(String unitName) throws IOException {
        Path file = fileOf(unitName);
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        return aside.toString();
    }

    @Override
    public void save(String unitName, ReservationSnapshot snapshot) throws IOException {
        Path file = fileOf(unitName);
        Files.createDirectories(directory);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = MAPPER.writeValueAsBytes(snapshot);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    @Override
    public void delete(String unitName) throws IOException {
        if (Files.deleteIfExists(fileOf(unitName))) {
            forceDirectory();
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    /** fsync of the directory makes the rename (or unlink) itself durable. */
    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
