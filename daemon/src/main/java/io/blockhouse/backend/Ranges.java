package io.blockhouse.backend;

import java.io.IOException;

/** Argument guards shared by the back-ends. The SCSI layer checks LBA ranges first; these catch its bugs. */
final class Ranges {

    private Ranges() {
    }

    /** Throws IllegalArgumentException unless {@code [offset, offset+length)} lies within {@code [0, size)}. */
    static void check(String operation, long offset, long length, long size) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IllegalArgumentException(operation + " of " + length + " bytes at offset " + offset
                    + " is outside the back-end's " + size + " bytes");
        }
    }

    /** Throws the standard read-only refusal when {@code readOnly}. */
    static void checkWritable(boolean readOnly, BlockBackend backend) throws IOException {
        if (readOnly) { // the description is built only here: it costs more than a null write
            throw new IOException(backend.describe() + " is read-only");
        }
    }
}
