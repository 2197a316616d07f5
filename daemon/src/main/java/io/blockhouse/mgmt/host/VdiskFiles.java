package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Vdisk files under the vdisk root: created sparse (instant) or thick (zeros written, with progress, then synced),
 * listed, and deleted when no configured device uses them.
 */
final class VdiskFiles {

    /** Zeros written per step of a thick file. */
    private static final int CHUNK = 4 << 20;

    private final Path vdiskRoot;

    VdiskFiles(Path vdiskRoot) {
        this.vdiskRoot = vdiskRoot;
    }

    /** {@code path} made absolute and checked to lie below the vdisk root. */
    Path resolve(String path) throws HostException {
        if (path == null || path.isBlank()) {
            throw HostException.invalid("invalid_path", "path: required");
        }
        Path p = vdiskRoot.resolve(path).toAbsolutePath().normalize();
        if (!p.startsWith(vdiskRoot) || p.equals(vdiskRoot)) {
            throw HostException.invalid("path_not_allowed", "path: " + p + " is not below the vdisk root "
                    + vdiskRoot);
        }
        return p;
    }

    /** Checks everything that can be checked at once and returns the file to create. */
    Path checkNew(String path, long size) throws HostException {
        Path p = resolve(path);
        if (size <= 0 || size % 4096 != 0) {
            throw HostException.invalid("invalid_size", "size: " + size + " bytes is not a positive multiple of 4096");
        }
        if (Files.exists(p)) {
            throw HostException.conflict("file_exists", "path: " + p + " already exists");
        }
        if (!Files.isDirectory(p.getParent())) {
            throw HostException.invalid("no_such_directory", "path: " + p.getParent() + " is not a directory "
                    + "(create a file system first)");
        }
        try {
            if (Files.getFileStore(p.getParent()).getUsableSpace() < size) {
                throw HostException.conflict("no_space", "size: " + size + " bytes do not fit in the "
                        + Files.getFileStore(p.getParent()).getUsableSpace() + " bytes free on " + p.getParent());
            }
        } catch (IOException e) {
            throw new HostException(500, "cannot_stat", p.getParent() + ": " + e.getMessage());
        }
        return p;
    }

    /** Creates the file; a failure removes what was written. */
    static void create(Path p, long size, boolean sparse, Jobs.Job job) throws IOException {
        boolean done = false;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (sparse) {
                ch.truncate(size);
                ch.position(size - 1);
                ch.write(ByteBuffer.wrap(new byte[1]));
                job.progress(size);
            } else {
                ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
                long written = 0;
                while (written < size) {
                    zeros.clear().limit((int) Math.min(CHUNK, size - written));
                    while (zeros.hasRemaining()) {
                        written += ch.write(zeros, written);
                    }
                    job.progress(written);
                }
            }
            ch.force(true);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(p);
            }
        }
    }

    void delete(String path, List<Path> inUse) throws HostException {
        Path p = resolve(path);
        if (!Files.isRegularFile(p)) {
            throw new HostException(404, "no_such_file", "path: " + p + " is not a file");
        }
        if (inUse.contains(p)) {
            throw HostException.conflict("vdisk_in_use", "path: " + p + " is the back-end of a configured device; "
                    + "remove the device first");
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new HostException(500, "cannot_delete", "path: " + p + ": " + e.getMessage());
        }
    }

    /** Regular files up to three levels below the vdisk root, with their sizes. */
    ArrayNode list(List<Path> inUse) throws HostException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (!Files.isDirectory(vdiskRoot)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(vdiskRoot, 3)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.addObject().put("path", f.toString()).put("size", Files.size(f)).put("inUse", inUse.contains(f));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HostException(500, "cannot_list", vdiskRoot + ": " + e.getMessage());
        }
        return out;
    }
}
