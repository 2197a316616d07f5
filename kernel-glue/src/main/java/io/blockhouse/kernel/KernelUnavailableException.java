package io.blockhouse.kernel;

import java.io.IOException;

/** Thrown by every kernel-glue operation when jnr-ffi cannot bind libc on this platform. */
public final class KernelUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    KernelUnavailableException(String message) {
        super(message);
    }
}
