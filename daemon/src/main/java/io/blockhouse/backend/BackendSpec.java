package io.blockhouse.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to open: the back-end kind and its parameters, already validated by the config layer.
 *
 * @param kind       which implementation
 * @param path       file or block device path (FILE, BLOCK); null otherwise
 * @param sizeBytes  size for FILE (created sparse, or grown, when the file is smaller), NULL and RAM; 0 for BLOCK
 *                   (the device's own size is used)
 * @param directIo   open with O_DIRECT (always for BLOCK unless the device refuses it)
 * @param readOnly   open read-only; writes fail with IOException
 * @param writeThrough every write durable before it completes (fdatasync or O_DSYNC); no volatile cache
 */
public record BackendSpec(Kind kind, Path path, long sizeBytes, boolean directIo, boolean readOnly,
                          boolean writeThrough) {

    /** Back-end implementations. */
    public enum Kind { FILE, BLOCK, NULL, RAM }

    public BackendSpec {
        Objects.requireNonNull(kind, "kind");
    }
}
