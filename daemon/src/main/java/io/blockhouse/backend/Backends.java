package io.blockhouse.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** Opens the {@link BlockBackend} a {@link BackendSpec} describes, after checking the spec makes sense. */
public final class Backends {

    /** Every configured size must be a multiple of this, so that both 512- and 4096-byte LUs divide it. */
    public static final int SIZE_GRANULARITY = 4096;

    private Backends() {
    }

    /**
     * Validates {@code spec} and opens its back-end. The caller owns the result and must close it.
     *
     * @throws IllegalArgumentException when the spec itself is inconsistent (missing path, bad size)
     * @throws IOException              when the file or device cannot be used
     */
    public static BlockBackend open(BackendSpec spec) throws IOException {
        validate(spec);
        return switch (spec.kind()) {
            case FILE -> FileBackend.open(spec);
            case BLOCK -> BlockDeviceBackend.open(spec);
            case NULL -> new NullBackend(spec.sizeBytes(), spec.readOnly());
            case RAM -> new RamBackend(spec.sizeBytes(), spec.readOnly());
        };
    }

    static void validate(BackendSpec spec) throws IOException {
        String kind = spec.kind().name();
        long size = spec.sizeBytes();
        if (size < 0) {
            throw new IllegalArgumentException(kind + " back-end: size must not be negative, got " + size);
        }
        if (size % SIZE_GRANULARITY != 0) {
            throw new IllegalArgumentException(kind + " back-end: size " + size + " is not a multiple of "
                    + SIZE_GRANULARITY + " bytes");
        }
        switch (spec.kind()) {
            case FILE, BLOCK -> {
                if (spec.path() == null) {
                    throw new IllegalArgumentException(kind + " back-end needs a path");
                }
                if ((spec.kind() == BackendSpec.Kind.BLOCK || spec.readOnly()) && !Files.exists(spec.path())) {
                    throw new NoSuchFileException(spec.path().toString(), null, kind + " back-end"
                            + (spec.readOnly() ? " is read-only, so the file must already exist" : " needs an"
                            + " existing device"));
                }
                if (spec.kind() == BackendSpec.Kind.FILE && size == 0 && !Files.exists(spec.path())) {
                    throw new IllegalArgumentException(kind + " back-end " + spec.path()
                            + " does not exist and no size is configured to create it with");
                }
            }
            case NULL, RAM -> {
                if (size == 0) {
                    throw new IllegalArgumentException(kind + " back-end needs a size greater than 0");
                }
            }
            default -> throw new AssertionError(spec.kind());
        }
    }
}
