package io.blockhouse.backend;

import io.blockhouse.kernel.Errno;
import io.blockhouse.kernel.NativeIOException;
import java.io.IOException;

/** Classifies back-end I/O failures for the SCSI layer, which must not depend on kernel-glue types. */
public final class BackendErrors {
    private BackendErrors() {
    }

    /**
     * True when {@code e} (or a cause) says the storage under the back-end is full: ENOSPC from kernel-glue, or a
     * FileChannel's IOException, which only carries the C library's message.
     */
    public static boolean isOutOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NativeIOException n && n.errno() == Errno.ENOSPC) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
